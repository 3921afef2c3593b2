/**
 * The server part of `npm run bench`: every scenario against every server, each run in its own
 * fresh server process on a fresh port and data directory, interleaved (A B C A B C) so drift on
 * a shared machine spreads evenly over all servers alike.
 */
import { existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { awarenessScenario } from "../scenarios/awareness";
import { fanoutScenario } from "../scenarios/fanout";
import { rampScenario } from "../scenarios/ramp";
import { roomsScenario } from "../scenarios/rooms";
import { stormScenario } from "../scenarios/storm";
import type { Scenario } from "../scenarios/types";
import {
  hocuspocusTarget,
  modelmapDirectory,
  modelmapPostgresTarget,
  modelmapSqliteTarget,
  referenceTarget,
  type BenchTarget,
  type RunningServer,
} from "../servers/targets";
import type { RunRecord } from "../report";

export const ALL_SCENARIOS: Scenario[] = [fanoutScenario, rampScenario, roomsScenario, stormScenario, awarenessScenario];

export function pickScenarios(names: string | undefined): Scenario[] {
  if (!names) return ALL_SCENARIOS;
  const wanted = names.split(",").map((name) => name.trim());
  const unknown = wanted.filter((name) => !ALL_SCENARIOS.some((scenario) => scenario.name === name));
  if (unknown.length > 0) throw new Error(`unknown scenario ${unknown.join(", ")}; known: ${ALL_SCENARIOS.map((s) => s.name).join(", ")}`);
  return ALL_SCENARIOS.filter((scenario) => wanted.includes(scenario.name));
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

export async function pickTargets(options: { servers?: string; pg: boolean }): Promise<{ targets: BenchTarget[]; skipped: string[] }> {
  const skipped: string[] = [];
  const candidates: BenchTarget[] = [];
  if (existsSync(path.join(modelmapDirectory, "server/main.ts"))) candidates.push(modelmapSqliteTarget);
  else skipped.push("Modelmap: server/main.ts does not exist yet");
  candidates.push(referenceTarget, hocuspocusTarget);
  // The fourth series, whenever PostgreSQL and Redis answer (`--no-pg` leaves it out).
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

/** The server being measured, so a signal can stop it and no process outlives the run. */
let currentServer: RunningServer | null = null;
export function stopCurrentServer(): Promise<void> {
  return currentServer?.stop() ?? Promise.resolve();
}

export interface ServerPartOptions {
  scenarios: Scenario[];
  targets: BenchTarget[];
  rounds: number;
  quick: boolean;
  /** Where Modelmap's `--cpu-prof` profiles go (one directory per scenario); no profiling when absent. */
  profileDir?: string;
  niceness?: number;
}

export async function runServerPart(options: ServerPartOptions): Promise<RunRecord[]> {
  const records: RunRecord[] = [];
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  for (const scenario of options.scenarios) {
    const rounds = options.quick ? options.rounds : Math.max(options.rounds, scenario.minRounds ?? 0);
    for (let round = 1; round <= rounds; round++) {
      for (const target of options.targets) {
        const port = await freshPort();
        const label = `${scenario.name} round ${round} ${target.key}`;
        console.log(`${label} (port ${port})`);
        const profile = options.profileDir !== undefined && target.key === "modelmap";
        const loadAverage = os.loadavg()[0] ?? 0;
        let server: RunningServer;
        try {
          server = await target.start({
            port,
            cpuProfileDir: profile ? path.join(options.profileDir ?? "", scenario.name) : undefined,
            niceness: options.niceness,
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
  return records;
}
