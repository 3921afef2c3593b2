/**
 * The servers under comparison: how to start each one and how a client reaches a new room on it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RoomAddress } from "../clients/light-client";
import { spawnServer, type ServerProcess } from "./child-process";

export type TargetKey = "modelmap" | "reference" | "hocuspocus" | "modelmap-pg";

export interface RunningServer extends ServerProcess {
  port: number;
  /** Creates (or names) a fresh room and returns where its clients connect. */
  openRoom(title: string): Promise<RoomAddress>;
}

export interface StartOptions {
  port: number;
  /** Directory for `--cpu-prof` output; no profiling when absent. */
  cpuProfileDir?: string;
  niceness?: number;
}

export interface BenchTarget {
  key: TargetKey;
  label: string;
  start(options: StartOptions): Promise<RunningServer>;
}

const HOST = "127.0.0.1";
/** Where Modelmap runs from: this checkout, or BENCH_MODELMAP_DIR (e.g. an export of one commit). */
export const modelmapDirectory = path.resolve(process.env.BENCH_MODELMAP_DIR ?? path.join(import.meta.dirname, "../.."));

function profileFlags(options: StartOptions): string[] {
  return options.cpuProfileDir ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`] : [];
}

/** A fresh data directory per run, removed when the server stops. */
function withDataDir(start: (dataDir: string) => Promise<RunningServer>): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "modelmap-bench-"));
  return start(dataDir).then(
    (server) => ({
      ...server,
      async stop() {
        await server.stop();
        rmSync(dataDir, { recursive: true, force: true });
      },
    }),
    (error: unknown) => {
      rmSync(dataDir, { recursive: true, force: true });
      throw error;
    },
  );
}

let roomCounter = 0;
function uniqueRoomName(title: string): string {
  roomCounter += 1;
  return `${title.replace(/[^a-z0-9-]/gi, "-")}-${roomCounter}`;
}

async function waitForHealth(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      const response = await fetch(`http://${HOST}:${port}/healthz`);
      if (response.ok) return;
    } catch {
      // not accepting yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`GET /healthz on port ${port} never answered 200`);
}

/** Modelmap run from `directory` (another checkout, for a side-by-side comparison of two commits). */
export function modelmapTarget(key: TargetKey, label: string, extraEnv: Record<string, string>, directory = modelmapDirectory): BenchTarget {
  return {
    key,
    label,
    start: (options) =>
      withDataDir(async (dataDir) => {
        const child = await spawnServer({
          script: path.join(directory, "server/main.ts"),
          cwd: directory,
          args: ["--no-ui"],
          env: { PORT: String(options.port), HOST, DATA_DIR: dataDir, ...extraEnv },
          nodeOptions: profileFlags(options),
          niceness: options.niceness,
        });
        await waitForHealth(options.port);
        return {
          ...child,
          port: options.port,
          async openRoom(title) {
            const response = await fetch(`http://${HOST}:${options.port}/api/boards`, {
              method: "POST",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ title }),
            });
            if (response.status !== 201) throw new Error(`POST /api/boards answered ${response.status}`);
            const board = (await response.json()) as { id: string; editToken: string };
            return {
              url: `ws://${HOST}:${options.port}/collab/${board.id}?token=${encodeURIComponent(board.editToken)}`,
              framing: { kind: "plain" },
              seededByServer: true,
            };
          },
        };
      }),
  };
}

export const referenceTarget: BenchTarget = {
  key: "reference",
  label: "y-websocket-server 0.1.1",
  start: (options) =>
    withDataDir(async () => {
      const child = await spawnServer({
        script: path.join(import.meta.dirname, "reference-server.ts"),
        env: { PORT: String(options.port), HOST },
        nodeOptions: profileFlags(options),
        niceness: options.niceness,
      });
      return {
        ...child,
        port: options.port,
        openRoom: async (title) => ({
          url: `ws://${HOST}:${options.port}/${uniqueRoomName(title)}`,
          framing: { kind: "plain" },
          seededByServer: false,
        }),
      };
    }),
};

export const hocuspocusTarget: BenchTarget = {
  key: "hocuspocus",
  label: "Hocuspocus 4 + SQLite",
  start: (options) =>
    withDataDir(async (dataDir) => {
      const child = await spawnServer({
        script: path.join(import.meta.dirname, "hocuspocus-server.ts"),
        env: { PORT: String(options.port), HOST, DATA_DIR: dataDir },
        nodeOptions: profileFlags(options),
        niceness: options.niceness,
      });
      return {
        ...child,
        port: options.port,
        openRoom: async (title) => ({
          url: `ws://${HOST}:${options.port}/`,
          framing: { kind: "hocuspocus", documentName: uniqueRoomName(title), token: "bench" },
          seededByServer: false,
        }),
      };
    }),
};

export const modelmapSqliteTarget = modelmapTarget("modelmap", "Modelmap (SQLite)", {});

export function modelmapPostgresTarget(databaseUrl: string, redisUrl: string): BenchTarget {
  return modelmapTarget("modelmap-pg", "Modelmap (PG+Redis)", { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl });
}
