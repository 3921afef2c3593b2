import type { MixBar } from "../../_lib/views/mixBars";

const ROW = 26;
const LABEL_WIDTH = 150;
const BAR_WIDTH = 92;
const WIDTH = 310;

/** Horizontal bars, one per model or family: the length is the share, the label says count and percent. */
export function MixChart({ bars, title, testId }: { bars: readonly MixBar[]; title: string; testId: string }) {
  if (bars.length === 0) return <p className="text-xs text-slate-400">Nothing to count yet.</p>;
  const height = bars.length * ROW;
  return (
    <svg data-testid={testId} role="img" aria-label={`${title}: ${bars.map((bar) => `${bar.label} ${bar.valueLabel}`).join("; ")}`} viewBox={`0 0 ${WIDTH} ${height}`} width="100%" className="overflow-visible">
      {bars.map((bar, index) => {
        const y = index * ROW;
        const length = Math.max(bar.value > 0 ? 2 : 0, bar.length * BAR_WIDTH);
        return (
          <g key={bar.key} data-testid="mix-bar" data-key={bar.key} data-value={bar.value}>
            <title>{`${bar.label}: ${bar.valueLabel}`}</title>
            <text x={LABEL_WIDTH - 8} y={y + ROW / 2} fontSize={11} fill="#334155" textAnchor="end" dominantBaseline="middle">
              {bar.label.length > 24 ? `${bar.label.slice(0, 23)}…` : bar.label}
            </text>
            <rect x={LABEL_WIDTH} y={y + 5} width={BAR_WIDTH} height={ROW - 10} rx={3} fill="#f1f5f9" />
            <rect x={LABEL_WIDTH} y={y + 5} width={length} height={ROW - 10} rx={3} fill={bar.color} />
            <text x={LABEL_WIDTH + BAR_WIDTH + 6} y={y + ROW / 2} fontSize={10.5} fill="#64748b" dominantBaseline="middle">
              {bar.valueLabel}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
