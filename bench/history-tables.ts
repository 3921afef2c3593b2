/**
 * What bench/history.ts measures, as data (its `--out` JSON, checked where it is read back) and
 * as the Markdown tables both its own report and `npm run bench`'s report show.
 */
import { z } from "zod";

const costsSchema = z.object({
  materializeVersion: z.number(),
  materializeMoment: z.number(),
  diffRecent: z.number(),
  diffWhole: z.number(),
  restore: z.number(),
});

const rowSchema = z.object({
  updates: z.number(),
  stateBytes: z.number(),
  yjsClients: z.number(),
  /** The one-off indexing of the whole log (a board from before the index existed). */
  indexBuild: z.number(),
  /** Whether the baseline answered the same content and diffs (null without a baseline). */
  sameAnswers: z.boolean().nullable(),
  now: costsSchema,
  baseline: costsSchema.nullable(),
});

export const historyResultSchema = z.object({
  date: z.string(),
  repeats: z.number(),
  seed: z.number(),
  /** How the log is made and what each figure means, in one paragraph. */
  method: z.string(),
  loadAverage: z.object({ before: z.number(), after: z.number() }),
  rows: z.array(rowSchema),
});

export type HistoryCosts = z.infer<typeof costsSchema>;
export type HistoryRow = z.infer<typeof rowSchema>;
export type HistoryResult = z.infer<typeof historyResultSchema>;

export const historyMilliseconds = (value: number) => (value >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`);

function costCells(costs: HistoryCosts | null): string[] {
  if (!costs) return ["–", "–", "–", "–", "–"];
  return [costs.materializeVersion, costs.materializeMoment, costs.diffRecent, costs.diffWhole, costs.restore].map(historyMilliseconds);
}

export function historyCostTable(rows: readonly HistoryRow[]): string {
  const lines = [
    "| logged updates | code | materialise a version | materialise a moment (worst: 499 to replay) | diff over the last 1,000 updates | diff over the whole log | restore |",
    "| ---: | --- | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const row of rows) {
    const updates = row.updates.toLocaleString("en-US");
    if (row.baseline) lines.push(`| ${updates} | before (Yjs replay, log decoded for authors) | ${costCells(row.baseline).join(" | ")} |`);
    lines.push(`| ${updates} | now (history index) | ${costCells(row.now).join(" | ")} |`);
  }
  return lines.join("\n");
}

/** The last column only when a baseline was measured. */
export function historySizeTable(rows: readonly HistoryRow[]): string {
  const compared = rows.some((row) => row.sameAnswers !== null);
  const cells = (row: HistoryRow) => [
    row.updates.toLocaleString("en-US"),
    String(row.yjsClients),
    `${(row.stateBytes / 1024).toFixed(0)} KB`,
    historyMilliseconds(row.indexBuild),
    historyMilliseconds((row.indexBuild / row.updates) * 1000),
    ...(compared ? [row.sameAnswers ? "yes" : "NO"] : []),
  ];
  return [
    `| logged updates | Yjs clients | encoded Yjs state | indexing the whole log once | per 1,000 updates |${compared ? " same answers as the baseline |" : ""}`,
    `| ---: | ---: | ---: | ---: | ---: |${compared ? " :---: |" : ""}`,
    ...rows.map((row) => `| ${cells(row).join(" | ")} |`),
  ].join("\n");
}
