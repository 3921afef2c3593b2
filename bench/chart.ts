/**
 * The ramp chart as a hand-written SVG: latency (log scale) against offered load, p50 solid and
 * p99 dashed, one colour per server, with the 100 ms line the ramp stops at.
 */
import type { RampStep } from "./scenarios/types";

const WIDTH = 760;
const HEIGHT = 440;
const MARGIN = { left: 64, right: 200, top: 36, bottom: 52 };
const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c"];
const LIMIT_MS = 100;

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function latencyChartSvg(series: { label: string; steps: RampStep[] }[]): string {
  const latencies = series.flatMap((line) => line.steps.flatMap((step) => [step.p50, step.p99])).filter((value): value is number => value !== null && value > 0);
  const rates = series.flatMap((line) => line.steps.map((step) => step.rate));
  const maxRate = Math.max(1, ...rates);
  const lowExponent = Math.floor(Math.log10(Math.min(LIMIT_MS, ...latencies)));
  const highExponent = Math.ceil(Math.log10(Math.max(LIMIT_MS * 2, ...latencies)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (rate: number) => MARGIN.left + (rate / maxRate) * plotWidth;
  const y = (ms: number) =>
    MARGIN.top + plotHeight - ((Math.log10(Math.max(ms, 10 ** lowExponent)) - lowExponent) / (highExponent - lowExponent)) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold">Fan-out latency against offered load (100 connections)</text>`,
  ];
  for (let exponent = lowExponent; exponent <= highExponent; exponent++) {
    const value = 10 ** exponent;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(value) + 4}" text-anchor="end">${value >= 1 ? value : value.toFixed(-exponent)} ms</text>`,
    );
  }
  const rateTicks = 5;
  for (let tick = 0; tick <= rateTicks; tick++) {
    const rate = Math.round((maxRate / rateTicks) * tick);
    parts.push(
      `<line x1="${x(rate)}" x2="${x(rate)}" y1="${MARGIN.top}" y2="${MARGIN.top + plotHeight}" stroke="#f3f4f6"/>`,
      `<text x="${x(rate)}" y="${MARGIN.top + plotHeight + 18}" text-anchor="middle">${rate}</text>`,
    );
  }
  parts.push(
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 12}" text-anchor="middle">offered updates per second (all writers)</text>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(LIMIT_MS)}" y2="${y(LIMIT_MS)}" stroke="#111" stroke-dasharray="2 3"/>`,
    `<text x="${MARGIN.left + plotWidth - 4}" y="${y(LIMIT_MS) - 4}" text-anchor="end">100 ms</text>`,
  );
  series.forEach((line, index) => {
    const color = COLORS[index % COLORS.length];
    for (const [field, dash] of [["p50", ""], ["p99", ` stroke-dasharray="6 4"`]] as const) {
      const points = line.steps.flatMap((step) => {
        const value = step[field];
        return value === null ? [] : [`${x(step.rate).toFixed(1)},${y(value).toFixed(1)}`];
      });
      if (points.length === 0) continue;
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${points.join(" ")}"/>`);
      for (const point of points) {
        const [px, py] = point.split(",");
        parts.push(`<circle cx="${px}" cy="${py}" r="2.5" fill="${color}"/>`);
      }
    }
    const legendY = MARGIN.top + 10 + index * 36;
    const legendX = MARGIN.left + plotWidth + 16;
    parts.push(
      `<text x="${legendX}" y="${legendY}" fill="${color}" font-weight="bold">${escapeXml(line.label)}</text>`,
      `<line x1="${legendX}" x2="${legendX + 24}" y1="${legendY + 12}" y2="${legendY + 12}" stroke="${color}" stroke-width="2"/>`,
      `<text x="${legendX + 28}" y="${legendY + 16}">p50</text>`,
      `<line x1="${legendX + 60}" x2="${legendX + 84}" y1="${legendY + 12}" y2="${legendY + 12}" stroke="${color}" stroke-width="2" stroke-dasharray="6 4"/>`,
      `<text x="${legendX + 88}" y="${legendY + 16}">p99</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
