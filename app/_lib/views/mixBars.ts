import type { MixEntry, PortfolioMix } from "@/lib/board/portfolio";

/** Bars of the portfolio chart: one per mix entry, by count or by investment in the mix's unit. */

export type MixMeasure = "count" | "investment";

export interface MixBar {
  key: string;
  label: string;
  color: string;
  value: number;
  /** Share of the whole, 0…1. */
  share: number;
  /** Bar length relative to the longest bar, 0…1. */
  length: number;
  valueLabel: string;
}

const FAMILY_COLORS: Record<string, string> = {
  funding: "#16a34a",
  "team-shape": "#2563eb",
  collaboration: "#d97706",
};

function formatAmount(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export function mixBars(mix: PortfolioMix, entries: readonly MixEntry[], measure: MixMeasure): MixBar[] {
  const unit = mix.unit;
  const valueOf = (entry: MixEntry) => (measure === "count" ? entry.count : unit ? (entry.investment[unit] ?? 0) : 0);
  const bars = entries.map((entry) => {
    const value = valueOf(entry);
    const share = measure === "count" ? entry.countShare : entry.investmentShare;
    return {
      key: entry.key,
      label: entry.label,
      color: entry.color ?? FAMILY_COLORS[entry.key] ?? "#9ca3af",
      value,
      share,
      length: 0,
      valueLabel: measure === "count" ? `${value} · ${Math.round(share * 100)}%` : `${formatAmount(value)} ${unit ?? ""} · ${Math.round(share * 100)}%`,
    };
  });
  const longest = Math.max(0, ...bars.map((bar) => bar.value));
  for (const bar of bars) bar.length = longest > 0 ? bar.value / longest : 0;
  return bars.sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
}
