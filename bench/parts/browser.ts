/**
 * The browser part of `npm run bench`: a production build when the sources are newer than the
 * last one, then bench/browser.ts in a child process (it starts and stops its own server and
 * Chromium), its figures read back from JSON, and the report's browser section and target rows.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { z } from "zod";
import { describeExit, runChild, runTsxScript } from "./child";
import { oneLine, type PartOutcome, type TargetRow } from "./outcome";

export const BROWSER_SIZES = [300, 1_000, 2_000];
export const QUICK_BROWSER_SIZES = [300, 2_000];
export const BROWSER_RUNS = 3;

/** Where bench/browser.ts looks for Chromium. */
const CHROMIUM = "/usr/bin/chromium";
const TARGETS = { interactiveMs: 1500, panP95Ms: 16.7, javascriptGzipKb: 350, cards: 2_000 };
const BENCH_DIR = path.resolve(import.meta.dirname, "..");
/** What a production build is made from, besides node_modules (the server code too: pages import it). */
const BUILD_INPUTS = ["app", "lib", "server", "public", "next.config.js", "postcss.config.mjs", "proxy.ts", "tsconfig.json", "package.json", "package-lock.json"];

const panSchema = z.object({
  p50: z.number().nullable(),
  p95: z.number().nullable(),
  p99: z.number().nullable(),
  frames: z.number(),
  over25: z.number(),
  runs: z.array(z.number().nullable()),
  /** Whether the page was cross-origin isolated (clock 5 µs, not 100 µs); absent in older files. */
  isolated: z.boolean().optional(),
});

/** The parts of bench/browser.ts's JSON the report reads (the measured checkout is "current"). */
const browserFiguresSchema = z.object({
  seed: z.number(),
  viewport: z.object({ width: z.number(), height: z.number() }),
  interactive: z.object({ current: z.record(z.string(), z.object({ median: z.number(), runs: z.array(z.number()) })) }),
  panning: z.object({ cards: z.number(), current: panSchema, idlePage: z.object({ p50: z.number(), p95: z.number(), isolated: z.boolean().optional() }).optional() }),
  javascript: z.object({ current: z.object({ files: z.number(), raw: z.number(), gzipped: z.number() }) }),
});

export interface BrowserResult {
  figures: z.infer<typeof browserFiguresSchema>;
  chromium: string;
  /** "built in 24 s", "build up to date", … */
  build: string;
}

export type BuildMode = "when-stale" | "always" | "never";

function newestModification(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, name) => Math.max(newest, newestModification(path.join(entry, name))), stats.mtimeMs);
}

/** Why a build is needed, or null when `.next` is newer than every input. */
export function buildStaleness(directory: string): string | null {
  const buildId = path.join(directory, ".next/BUILD_ID");
  if (!existsSync(buildId)) return "no production build yet";
  const builtAt = statSync(buildId).mtimeMs;
  const changed = BUILD_INPUTS.filter((input) => newestModification(path.join(directory, input)) > builtAt);
  return changed.length > 0 ? `changed since the last build: ${changed.join(", ")}` : null;
}

function chromiumVersion(): string {
  const answer = spawnSync(CHROMIUM, ["--version"], { encoding: "utf8" });
  return answer.stdout.split("\n")[0]?.trim() || CHROMIUM;
}

export async function runBrowserPart(options: { directory: string; sizes: readonly number[]; runs: number; build: BuildMode }): Promise<PartOutcome<BrowserResult>> {
  if (!existsSync(CHROMIUM)) return { status: "skipped", seconds: 0, reason: `no Chromium at ${CHROMIUM}` };
  let seconds = 0;
  let build = "build skipped (--skip-build)";
  const stale = options.build === "always" ? "--build" : buildStaleness(options.directory);
  if (options.build !== "never" && stale !== null) {
    console.log(`browser: building (next build; ${stale})`);
    const outcome = await runChild("npx", ["next", "build"], options.directory);
    seconds += outcome.seconds;
    if (outcome.code !== 0) return { status: "failed", seconds, reason: `next build ${describeExit(outcome)}` };
    build = `built in ${outcome.seconds.toFixed(0)} s (${stale})`;
  } else if (options.build !== "never") {
    build = "build up to date";
  }

  const tempDir = mkdtempSync(path.join(os.tmpdir(), "modelmap-bench-browser-out-"));
  const out = path.join(tempDir, "browser.json");
  try {
    const args = ["--skip-build", "--sizes", options.sizes.join(","), "--runs", String(options.runs), "--out", out];
    const outcome = await runTsxScript(path.join(BENCH_DIR, "browser.ts"), args, options.directory);
    seconds += outcome.seconds;
    if (outcome.code !== 0) return { status: "failed", seconds, reason: `bench/browser.ts ${describeExit(outcome)}` };
    const parsed = browserFiguresSchema.safeParse(JSON.parse(readFileSync(out, "utf8")));
    if (!parsed.success) return { status: "failed", seconds, reason: `bench/browser.ts wrote unexpected JSON: ${oneLine(parsed.error)}` };
    return { status: "measured", seconds, data: { figures: parsed.data, chromium: chromiumVersion(), build } };
  } finally {
    rmSync(tempDir, { recursive: true, force: true });
  }
}

const milliseconds = (value: number | null) => (value === null ? "—" : `${value.toLocaleString("en", { maximumFractionDigits: 1 })} ms`);
/** Frame times: to 0.01 ms when the page's clock resolves 5 µs (isolated), else to 0.1 ms. */
const frameMs = (value: number | null, isolated: boolean | undefined) =>
  value === null ? "—" : isolated ? `${value.toFixed(2)} ms` : milliseconds(value);
const kilobytes = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en")} KB`;

export function browserSection(outcome: PartOutcome<BrowserResult>): string[] {
  const lines = ["## Browser: heavy boards in Chromium (`bench/browser.ts`)", ""];
  if (outcome.status !== "measured") return [...lines, `Not measured: ${outcome.reason}.`, ""];
  const { figures, chromium, build } = outcome.data;
  const pan = figures.panning.current;
  const javascript = figures.javascript.current;
  const sizes = Object.entries(figures.interactive.current).sort(([a], [b]) => Number(a) - Number(b));
  return [
    ...lines,
    `Seeded boards (seed ${figures.seed}) imported through \`POST /api/boards/import\` into a production server of their own; ${chromium}, ${figures.viewport.width}×${figures.viewport.height}. Time to interactive runs from navigation until the board is live, a card is on screen and three frames in a row came under 50 ms (median of the runs). Production build: ${build}.`,
    "",
    "| cards | time to interactive | each run |",
    "| ---: | ---: | --- |",
    ...sizes.map(([cards, { median, runs }]) => `| ${Number(cards).toLocaleString("en")} | ${milliseconds(median)} | ${runs.map((run) => run.toLocaleString("en")).join(", ")} ms |`),
    "",
    `Panning (four drag sweeps) and zooming (24 wheel notches) the ${figures.panning.cards.toLocaleString("en")}-card board, frame times from requestAnimationFrame (the run with the median p95)${pan.isolated ? ", read on the page's 5 µs clock (the page is served cross-origin isolated for this measure only; otherwise its clock resolves 100 µs with jitter)" : ""}:`,
    "",
    "| p50 | p95 | p99 | frames over 25 ms | p95 of each run |",
    "| ---: | ---: | ---: | ---: | --- |",
    `| ${frameMs(pan.p50, pan.isolated)} | ${frameMs(pan.p95, pan.isolated)} | ${frameMs(pan.p99, pan.isolated)} | ${pan.over25} of ${pan.frames} | ${pan.runs.map((run) => frameMs(run, pan.isolated)).join(", ")} |`,
    "",
    ...(figures.panning.idlePage
      ? [
          `The floor of this measure: on a page doing nothing, the same browser's frames come every ${frameMs(figures.panning.idlePage.p50, figures.panning.idlePage.isolated)} (p95 ${frameMs(figures.panning.idlePage.p95, figures.panning.idlePage.isolated)}), the display's rate; a p95 at the floor means no frame was missed.`,
          "",
        ]
      : []),
    `The board page's JavaScript: ${javascript.files} scripts, ${kilobytes(javascript.raw)} as served, ${kilobytes(javascript.gzipped)} gzipped (each script at level 9).`,
    "",
  ];
}

export function browserTargetRows(outcome: PartOutcome<BrowserResult>): TargetRow[] {
  const names = {
    interactive: `a ${TARGETS.cards.toLocaleString("en")}-card board interactive within ${TARGETS.interactiveMs / 1000} s of navigation`,
    pan: `panning and zooming it: p95 frame time < ${TARGETS.panP95Ms} ms`,
    javascript: `the board page's JavaScript < ${TARGETS.javascriptGzipKb} KB gzipped`,
  };
  if (outcome.status !== "measured") return Object.values(names).map((name) => ({ name, measured: outcome.reason, met: null }));
  const { figures } = outcome.data;
  const interactive = figures.interactive.current[String(TARGETS.cards)]?.median ?? null;
  const p95 = figures.panning.cards === TARGETS.cards ? figures.panning.current.p95 : null;
  // requestAnimationFrame cannot run faster than the display (16.67 ms at 60 Hz): a p95 under the
  // target, or no higher than an idle page's, is the target met (no frame missed). Both are
  // compared at the resolution of the page's clock: 0.01 ms when both pages were isolated (5 µs),
  // else 0.1 ms (100 µs with jitter, where 16.8 against 16.7 is one tick of noise). Rounding first
  // also drops the float noise of the sums (16.800000000000182 against 16.799999999999727 is one value).
  const isolated = figures.panning.current.isolated === true && figures.panning.idlePage?.isolated === true;
  const steps = (value: number) => Math.round(value * (isolated ? 100 : 10));
  const floor = figures.panning.idlePage?.p95 ?? 0;
  const gzippedKb = figures.javascript.current.gzipped / 1024;
  const absent = `no ${TARGETS.cards.toLocaleString("en")}-card board in this run`;
  return [
    { name: names.interactive, measured: interactive === null ? absent : milliseconds(interactive), met: interactive === null ? null : interactive <= TARGETS.interactiveMs },
    {
      name: names.pan,
      measured: p95 === null ? absent : `${frameMs(p95, isolated)}${floor ? ` (a page doing nothing: ${frameMs(floor, isolated)})` : ""}`,
      met: p95 === null ? null : steps(p95) < steps(TARGETS.panP95Ms) || steps(p95) <= steps(floor),
    },
    { name: names.javascript, measured: `${gzippedKb.toFixed(0)} KB`, met: gzippedKb < TARGETS.javascriptGzipKb },
  ];
}
