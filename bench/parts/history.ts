/**
 * The history part of `npm run bench`: bench/history.ts in a child process, its figures read back
 * from JSON, and the report's history section and target row.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { historyCostTable, historyMilliseconds, historyResultSchema, historySizeTable, type HistoryResult } from "../history-tables";
import { describeExit, runTsxScript } from "./child";
import { oneLine, type PartOutcome, type TargetRow } from "./outcome";

export const HISTORY_SIZES = [1_000, 10_000, 100_000];
export const QUICK_HISTORY_SIZES = [1_000, 10_000];

const BENCH_DIR = path.resolve(import.meta.dirname, "..");

export async function runHistoryPart(sizes: readonly number[]): Promise<PartOutcome<HistoryResult>> {
  const tempDir = mkdtempSync(path.join(os.tmpdir(), "modelmap-bench-history-out-"));
  const out = path.join(tempDir, "history.json");
  try {
    // This checkout's history code, whatever BENCH_MODELMAP_DIR says: the script imports it directly.
    const outcome = await runTsxScript(path.join(BENCH_DIR, "history.ts"), [...sizes.map(String), "--out", out], path.resolve(BENCH_DIR, ".."));
    if (outcome.code !== 0) return { status: "failed", reason: `bench/history.ts ${describeExit(outcome)}`, seconds: outcome.seconds };
    const parsed = historyResultSchema.safeParse(JSON.parse(readFileSync(out, "utf8")));
    if (!parsed.success) return { status: "failed", reason: `bench/history.ts wrote unexpected JSON: ${oneLine(parsed.error)}`, seconds: outcome.seconds };
    return { status: "measured", seconds: outcome.seconds, data: parsed.data };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

export function historySection(outcome: PartOutcome<HistoryResult>): string[] {
  const lines = ["## History: materialise, diff and restore (`bench/history.ts`)", ""];
  if (outcome.status !== "measured") return [...lines, `Not measured: ${outcome.reason}.`, ""];
  const { data } = outcome;
  return [
    ...lines,
    `${data.method} This checkout's history code on a fresh SQLite file per size.`,
    "",
    historyCostTable(data.rows),
    "",
    "Growth of the Yjs state, and what the history index costs to build once for a log that has none:",
    "",
    historySizeTable(data.rows),
    "",
  ];
}

/** DESIGN.md names no figure for history; the row shows the largest log's costs next to the targets. */
export function historyTargetRows(outcome: PartOutcome<HistoryResult>): TargetRow[] {
  const largest = outcome.status === "measured" ? outcome.data.rows.at(-1) : undefined;
  const name = `history at ${largest ? largest.updates.toLocaleString("en-US") : "100,000"} logged updates: materialise a moment / diff over the whole log / restore`;
  if (!largest) return [{ name, measured: outcome.status === "measured" ? "—" : outcome.reason, met: null }];
  const { materializeMoment, diffWhole, restore } = largest.now;
  return [{ name, measured: [materializeMoment, diffWhole, restore].map(historyMilliseconds).join(" / "), met: "no figure in DESIGN.md" }];
}
