/**
 * The ramp chart as a hand-written SVG: latency against offered load, both on log scales (the
 * ramp's rates grow roughly geometrically, and the servers differ by orders of magnitude), p50
 * solid and p99 dashed, one colour per server, with the 100 ms line the ramp stops at.
 */
import type { RampStep } from "./scenarios/types";

const WIDTH = 820;
const HEIGHT = 470;
const MARGIN = { left: 86, right: 200, top: 58, bottom: 56 };
const COLORS = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c"];
const LIMIT_MS = 100;

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

export function latencyChartSvg(series: { label: string; steps: RampStep[] }[]): string {
  const latencies = series.flatMap((line) => line.steps.flatMap((step) => [step.p50, step.p99])).filter((value): value is number => value !== null && value > 0);
  const rates = [...new Set(series.flatMap((line) => line.steps.map((step) => step.rate)))].sort((a, b) => a - b);
  // One rate alone still needs a scale: half to twice it.
  const lowRate = Math.log10(rates[0] ?? 1) - (rates.length > 1 ? 0.05 : 0.3);
  const highRate = Math.log10(rates.at(-1) ?? 10) + (rates.length > 1 ? 0.05 : 0.3);
  const lowExponent = Math.floor(Math.log10(Math.min(LIMIT_MS, ...latencies)));
  const highExponent = Math.ceil(Math.log10(Math.max(LIMIT_MS * 2, ...latencies)));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const bottom = MARGIN.top + plotHeight;
  const x = (rate: number) => MARGIN.left + ((Math.log10(rate) - lowRate) / (highRate - lowRate)) * plotWidth;
  const y = (ms: number) => bottom - ((Math.log10(Math.max(ms, 10 ** lowExponent)) - lowExponent) / (highExponent - lowExponent)) * plotHeight;

  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}" font-family="sans-serif" font-size="12">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="bold">Fan-out latency against offered load (1 room, 100 connections, 10 writers)</text>`,
    `<text x="${MARGIN.left}" y="40" fill="#4b5563">Medians over rounds. Each line stops at the first rate whose p99 passed ${LIMIT_MS} ms or that delivered under 99%.</text>`,
  ];
  for (let exponent = lowExponent; exponent <= highExponent; exponent++) {
    const value = 10 ** exponent;
    parts.push(
      `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(value)}" y2="${y(value)}" stroke="#e5e7eb"/>`,
      `<text x="${MARGIN.left - 8}" y="${y(value) + 4}" text-anchor="end">${value >= 1 ? value.toLocaleString("en") : value.toFixed(-exponent)} ms</text>`,
    );
  }
  for (const rate of rates) {
    parts.push(
      `<line x1="${x(rate)}" x2="${x(rate)}" y1="${MARGIN.top}" y2="${bottom}" stroke="#f3f4f6"/>`,
      `<line x1="${x(rate)}" x2="${x(rate)}" y1="${bottom}" y2="${bottom + 4}" stroke="#6b7280"/>`,
      `<text x="${x(rate)}" y="${bottom + 17}" text-anchor="middle" font-size="11">${rate.toLocaleString("en")}</text>`,
    );
  }
  parts.push(
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${bottom}" y2="${bottom}" stroke="#6b7280"/>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left}" y1="${MARGIN.top}" y2="${bottom}" stroke="#6b7280"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 14}" text-anchor="middle">offered updates per second, all writers together (log scale)</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">latency from send to every other connection (log scale)</text>`,
    `<line x1="${MARGIN.left}" x2="${MARGIN.left + plotWidth}" y1="${y(LIMIT_MS)}" y2="${y(LIMIT_MS)}" stroke="#111" stroke-dasharray="2 3"/>`,
    `<text x="${MARGIN.left + plotWidth - 4}" y="${y(LIMIT_MS) - 6}" text-anchor="end" stroke="#fff" stroke-width="4" paint-order="stroke">${LIMIT_MS} ms: the ramp's limit</text>`,
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
