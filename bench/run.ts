/**
 * `npm run bench`: the whole benchmark in one command, one report.
 *
 *   npm run bench [-- --parts server,history,browser --quick --rounds 2]
 *   server part:  --scenario fanout,ramp --servers reference,hocuspocus --no-pg --profile --priority
 *   history part: --history-sizes 1000,10000,100000
 *   browser part: --browser-sizes 300,1000,2000 --browser-runs 3 --build | --skip-build
 *
 * The server part runs every scenario against Modelmap, the reference y-websocket server and
 * Hocuspocus (parts/server.ts); the history part runs bench/history.ts and the browser part
 * bench/browser.ts, each in a child process that hands its figures back as JSON. Then one report:
 * bench/results/<date>-<host>.md (+ .json, + the ramp latency chart) and, for a full run only,
 * latest.md. `--scenario` without `--parts` runs the server part alone, as it always did.
 * Modelmap on PostgreSQL + Redis runs too when both answer (BENCH_DATABASE_URL, BENCH_REDIS_URL;
 * `--no-pg` leaves it out); `--profile`
 * writes Modelmap's `node --cpu-prof` profiles to bench/tmp/profiles/<scenario>/; `--priority`
 * raises the scheduling priority of the generator and every server alike (needs root), so other
 * work on a shared machine disturbs the comparison less. BENCH_MODELMAP_DIR runs Modelmap (server
 * and browser parts) from another checkout (e.g. an export of one commit while others keep
 * editing this one).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { BROWSER_RUNS, BROWSER_SIZES, QUICK_BROWSER_SIZES, runBrowserPart, type BuildMode } from "./parts/browser";
import { stopChildren } from "./parts/child";
import type { PartOutcome } from "./parts/outcome";
import { HISTORY_SIZES, QUICK_HISTORY_SIZES, runHistoryPart } from "./parts/history";
import { ALL_SCENARIOS, pickScenarios, pickTargets, runServerPart, stopCurrentServer } from "./parts/server";
import { ALL_PARTS, machineInfo, runVariant, writeReport, type BenchRun, type PartName } from "./report";
import { setAutogroupNiceness } from "./servers/child-process";
import { modelmapDirectory } from "./servers/targets";

/** Nice value for `--priority`: far enough above default work, still below the kernel's own. */
const RAISED_PRIORITY = -10;

/**
 * With `--priority`, the generator re-runs itself in a session of its own (its own scheduler
 * autogroup, which it then raises), so other sessions' work cannot starve it. Signals are passed
 * on, so Ctrl-C still stops the inner run and its server.
 */
function rerunInOwnSession(): Promise<never> {
  const child = spawn("setsid", ["--wait", "nice", "-n", String(RAISED_PRIORITY), process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    env: { ...process.env, BENCH_OWN_SESSION: "1" },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
  return new Promise(() => child.once("exit", (code) => process.exit(code ?? 1)));
}

const { values: options } = parseArgs({
  allowNegative: true,
  options: {
    parts: { type: "string" },
    scenario: { type: "string" },
    servers: { type: "string" },
    rounds: { type: "string", default: "2" },
    quick: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    pg: { type: "boolean", default: true },
    priority: { type: "boolean", default: false },
    "history-sizes": { type: "string" },
    "browser-sizes": { type: "string" },
    "browser-runs": { type: "string" },
    build: { type: "boolean", default: false },
    "skip-build": { type: "boolean", default: false },
  },
});

function pickParts(): PartName[] {
  // --scenario names server scenarios: on its own it asks for the server part alone.
  const names = (options.parts ?? (options.scenario ? "server" : ALL_PARTS.join(","))).split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !ALL_PARTS.includes(name as PartName));
  if (unknown.length > 0) throw new Error(`unknown part ${unknown.join(", ")}; known: ${ALL_PARTS.join(", ")}`);
  return ALL_PARTS.filter((part) => names.includes(part));
}

function sizesOption(text: string | undefined, defaults: number[]): number[] {
  if (text === undefined) return defaults;
  const sizes = text.split(",").map(Number);
  if (sizes.some((size) => !Number.isInteger(size) || size <= 0)) throw new Error(`sizes must be positive whole numbers: ${text}`);
  return sizes;
}

/** A part that threw (its output did not parse, its script could not start) is reported, not fatal. */
function failedPart(error: unknown): PartOutcome<never> {
  return { status: "failed", seconds: 0, reason: error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error) };
}

const sameSizes = (a: readonly number[], b: readonly number[]) => a.join() === b.join();
/** Which Modelmap was measured: its directory and commit (a `.bench-commit` file names it in exports). */
function modelmapSource(): string {
  const commitFile = path.join(modelmapDirectory, ".bench-commit");
  let commit = "unknown commit";
  try {
    if (existsSync(commitFile)) commit = readFileSync(commitFile, "utf8").trim();
    else {
      commit = execFileSync("git", ["-C", modelmapDirectory, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
      const changes = execFileSync("git", ["-C", modelmapDirectory, "status", "--porcelain", "--untracked-files=no"], { encoding: "utf8" });
      if (changes.trim() !== "") commit += " with uncommitted changes";
    }
  } catch {
    // not a git checkout: the directory alone must do
  }
  return `${modelmapDirectory} at ${commit}`;
}

/** Set by Ctrl-C or SIGTERM: the run is being stopped, and a cut-short run writes no report. */
let stopping = false;

/** Ctrl-C or SIGTERM stops the server under test and every part's child, then exits. */
function stopOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      stopping = true;
      void Promise.all([stopCurrentServer(), stopChildren()]).finally(() => process.exit(130));
    });
  }
}

async function main(): Promise<void> {
  if (options.priority && process.env.BENCH_OWN_SESSION !== "1") return rerunInOwnSession();
  if (options.build && options["skip-build"]) throw new Error("--build and --skip-build contradict each other");
  stopOnSignals();
  const parts = pickParts();
  const scenarios = pickScenarios(options.scenario);
  const rounds = Math.max(1, Number(options.rounds));
  const quick = options.quick;
  const historySizes = sizesOption(options["history-sizes"], quick ? QUICK_HISTORY_SIZES : HISTORY_SIZES);
  const browserSizes = sizesOption(options["browser-sizes"], quick ? QUICK_BROWSER_SIZES : BROWSER_SIZES);
  const browserRuns = Math.max(1, Number(options["browser-runs"] ?? (quick ? 1 : BROWSER_RUNS)));
  const { targets, skipped } = parts.includes("server") ? await pickTargets({ servers: options.servers, pg: options.pg }) : { targets: [], skipped: [] };
  for (const reason of skipped) console.log(`skipping ${reason}`);

  const variant = runVariant({
    parts,
    scenarios: scenarios.map((scenario) => scenario.name),
    allScenarios: ALL_SCENARIOS.map((scenario) => scenario.name),
    servers: options.servers === undefined ? null : targets.map((target) => target.key),
    customHistorySizes: !sameSizes(historySizes, HISTORY_SIZES),
    customBrowserSizes: !sameSizes(browserSizes, BROWSER_SIZES),
    profile: options.profile,
    quick,
    noPg: !options.pg,
  });

  const startedAt = new Date();
  const machineBefore = machineInfo();
  if (options.priority) setAutogroupNiceness(process.pid, RAISED_PRIORITY);
  const run: BenchRun = {
    startedAt,
    finishedAt: startedAt,
    machineBefore,
    machineAfter: machineBefore,
    options: { quick, rounds, priority: options.priority, parts, scenarios: scenarios.map((scenario) => scenario.name), variant },
    scenarios,
    targets: targets.map((target) => ({ key: target.key, label: target.label })),
    skipped,
    modelmapSource: modelmapSource(),
    records: [],
    history: null,
    browser: null,
    partSeconds: {},
  };

  if (parts.includes("server")) {
    const started = performance.now();
    run.records = await runServerPart({
      scenarios,
      targets,
      rounds,
      quick,
      profileDir: options.profile ? path.resolve(import.meta.dirname, "tmp/profiles") : undefined,
      niceness: options.priority ? RAISED_PRIORITY : undefined,
    });
    run.partSeconds.server = (performance.now() - started) / 1000;
  }
  if (parts.includes("history")) {
    console.log(`history: ${historySizes.join(", ")} logged updates`);
    run.history = await runHistoryPart(historySizes).catch(failedPart);
    run.partSeconds.history = run.history.seconds;
  }
  if (parts.includes("browser")) {
    console.log(`browser: ${browserSizes.join(", ")} cards, ${browserRuns} run(s) each`);
    const build: BuildMode = options.build ? "always" : options["skip-build"] ? "never" : "when-stale";
    run.browser = await runBrowserPart({ directory: modelmapDirectory, sizes: browserSizes, runs: browserRuns, build }).catch(failedPart);
    run.partSeconds.browser = run.browser.seconds;
  }
  for (const outcome of [run.history, run.browser]) {
    if (outcome && outcome.status !== "measured") console.log(`not measured: ${outcome.reason}`);
  }

  if (stopping) return;
  const written = writeReport({ ...run, finishedAt: new Date(), machineAfter: machineInfo() });
  console.log(`wrote ${written.join(", ")}`);
  if (variant.length > 0) console.log(`(a ${variant.join(", ")} run: latest.md and the full run's files are left as they were)`);
}

main().then(
  () => {
    if (!stopping) process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
