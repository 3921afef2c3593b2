/**
 * `npm run bench [-- --scenario fanout,ramp --rounds 1 --quick --servers reference,hocuspocus --pg --profile]`
 *
 * Runs every scenario against every server, each run in its own fresh server process on a fresh
 * port and data directory, interleaved (A B C A B C) so drift on a shared machine spreads evenly,
 * then writes bench/results/<date>-<host>.md, the ramp latency chart and latest.md.
 * `--pg` adds Modelmap on PostgreSQL + Redis (BENCH_DATABASE_URL, BENCH_REDIS_URL); `--profile`
 * writes Modelmap's `node --cpu-prof` profiles to bench/tmp/profiles/<scenario>/; `--priority`
 * raises the scheduling priority of the generator and every server alike (needs root), so other
 * work on a shared machine disturbs the comparison less. BENCH_MODELMAP_DIR runs Modelmap from
 * another checkout (e.g. an export of one commit while others keep editing this one).
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { awarenessScenario } from "./scenarios/awareness";
import { fanoutScenario } from "./scenarios/fanout";
import { rampScenario } from "./scenarios/ramp";
import { roomsScenario } from "./scenarios/rooms";
import { stormScenario } from "./scenarios/storm";
import type { Scenario } from "./scenarios/types";
import {
  hocuspocusTarget,
  modelmapPostgresTarget,
  modelmapDirectory,
  modelmapSqliteTarget,
  referenceTarget,
  type BenchTarget,
  type RunningServer,
} from "./servers/targets";
import { machineInfo, writeReport, type RunRecord } from "./report";
import { setAutogroupNiceness } from "./servers/child-process";

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

const ALL_SCENARIOS: Scenario[] = [fanoutScenario, rampScenario, roomsScenario, stormScenario, awarenessScenario];

const { values: options } = parseArgs({
  options: {
    scenario: { type: "string" },
    servers: { type: "string" },
    rounds: { type: "string", default: "2" },
    quick: { type: "boolean", default: false },
    profile: { type: "boolean", default: false },
    pg: { type: "boolean", default: false },
    priority: { type: "boolean", default: false },
  },
});

function pickScenarios(): Scenario[] {
  if (!options.scenario) return ALL_SCENARIOS;
  const names = options.scenario.split(",").map((name) => name.trim());
  const unknown = names.filter((name) => !ALL_SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(", ")}; known: ${ALL_SCENARIOS.map((s) => s.name).join(", ")}`);
  return ALL_SCENARIOS.filter((scenario) => names.includes(scenario.name));
}

/** PostgreSQL and Redis answer on their default local ports. */
async function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(500);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function pickTargets(): Promise<{ targets: BenchTarget[]; skipped: string[] }> {
  const skipped: string[] = [];
  const candidates: BenchTarget[] = [];
  if (existsSync(path.join(modelmapDirectory, "server/main.ts"))) candidates.push(modelmapSqliteTarget);
  else skipped.push("Modelmap: server/main.ts does not exist yet");
  candidates.push(referenceTarget, hocuspocusTarget);
  // The fourth series is opt-in: with it the default run no longer fits in ten minutes.
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const redisUrl = process.env.BENCH_REDIS_URL ?? "redis://127.0.0.1:6379";
  if (options.pg && candidates[0] === modelmapSqliteTarget) {
    if ((await portAnswers(5432)) && (await portAnswers(6379))) candidates.push(modelmapPostgresTarget(databaseUrl, redisUrl));
    else skipped.push("Modelmap on PG+Redis: nothing answers on 127.0.0.1:5432 and :6379");
  }
  if (!options.servers) return { targets: candidates, skipped };
  const wanted = options.servers.split(",").map((key) => key.trim());
  return { targets: candidates.filter((target) => wanted.includes(target.key)), skipped };
}

let nextPort = 4300 + Math.floor(Math.random() * 500);
/** A port nobody listens on, never the same twice in a run. */
async function freshPort(): Promise<number> {
  for (;;) {
    nextPort += 1;
    if (!(await portAnswers(nextPort))) return nextPort;
  }
}

/** Which Modelmap was measured: its directory and commit (a `.bench-commit` file names it in exports). */
function modelmapSource(): string {
  const commitFile = path.join(modelmapDirectory, ".bench-commit");
  let commit = "unknown commit";
  try {
    commit = existsSync(commitFile)
      ? readFileSync(commitFile, "utf8").trim()
      : execFileSync("git", ["-C", modelmapDirectory, "rev-parse", "--short", "HEAD"], { encoding: "utf8" }).trim();
  } catch {
    // not a git checkout: the directory alone must do
  }
  return `${modelmapDirectory} at ${commit}`;
}

/** The server being measured, stopped on Ctrl-C so no process outlives the run. */
let currentServer: { stop(): Promise<void> } | null = null;
function stopOnSignals(): void {
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      void (currentServer?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
    });
  }
}

async function main(): Promise<void> {
  if (options.priority && process.env.BENCH_OWN_SESSION !== "1") return rerunInOwnSession();
  stopOnSignals();
  const scenarios = pickScenarios();
  const rounds = Math.max(1, Number(options.rounds));
  const { targets, skipped } = await pickTargets();
  for (const reason of skipped) console.log(`skipping ${reason}`);
  const startedAt = new Date();
  const machineBefore = machineInfo();
  const profileDir = path.resolve(import.meta.dirname, "tmp/profiles");
  if (options.profile) mkdirSync(profileDir, { recursive: true });
  const records: RunRecord[] = [];
  if (options.priority) setAutogroupNiceness(process.pid, RAISED_PRIORITY);

  for (const scenario of scenarios) {
    for (let round = 1; round <= rounds; round++) {
      for (const target of targets) {
        const port = await freshPort();
        const label = `${scenario.name} round ${round} ${target.key}`;
        console.log(`${label} (port ${port})`);
        const profile = options.profile && target.key === "modelmap";
        const loadAverage = os.loadavg()[0] ?? 0;
        let server: RunningServer;
        try {
          server = await target.start({
            port,
            cpuProfileDir: profile ? path.join(profileDir, scenario.name) : undefined,
            niceness: options.priority ? RAISED_PRIORITY : undefined,
          });
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.log(`  could not start: ${message}`);
          records.push({ scenario: scenario.name, round, target: target.key, loadAverage, error: `could not start: ${message}` });
          continue;
        }
        currentServer = server;
        try {
          const result = await scenario.run({ server, quick: options.quick, log: (line) => console.log(line) });
          records.push({ scenario: scenario.name, round, target: target.key, loadAverage, result });
          console.log(`  ${JSON.stringify(result.metrics)}`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          console.log(`  failed: ${message}\n${server.outputTail()}`);
          records.push({ scenario: scenario.name, round, target: target.key, loadAverage, error: message });
        } finally {
          await server.stop();
          currentServer = null;
        }
      }
    }
  }

  const written = writeReport({
    startedAt,
    finishedAt: new Date(),
    machineBefore,
    machineAfter: machineInfo(),
    options: {
      quick: options.quick,
      rounds,
      priority: options.priority,
      scenarios: scenarios.map((scenario) => scenario.name),
      partial: options.quick || scenarios.length < ALL_SCENARIOS.length || options.servers !== undefined,
    },
    scenarios,
    targets: targets.map((target) => ({ key: target.key, label: target.label })),
    skipped,
    modelmapSource: modelmapSource(),
    records,
  });
  console.log(`wrote ${written.join(", ")}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
