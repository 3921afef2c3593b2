/**
 * `npx tsx bench/storage-append.ts [--batches 200] [--payload-bytes 120] [--backends sqlite,postgres] [--baseline DIR] [--gap-ms 0]`
 *
 * Durable append latency of the storage backends: how long appendUpdates takes to resolve (the
 * update is on disk by then) for a batch of 1 and a batch of 50 updates. Backends and batch
 * sizes are interleaved batch by batch, so noise on a shared machine hits them alike. Prints a
 * table and writes bench/results/storage-append-<date>.json.
 *
 * SQLite lives in bench/tmp (the repository's disk, like ./data; /tmp may be memory-backed and
 * would make fsync free). PostgreSQL uses DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) in a schema of its own that is dropped afterwards.
 *
 * `--baseline DIR` adds "sqlite-baseline": the SqliteStorage of another checkout (an export of an
 * older commit inside this one, so it shares node_modules), measured in the same interleaving.
 * `--gap-ms N` sleeps N ms before each append, as a live room does between updates (fan-out: one
 * every 5 ms): on this machine an append after an idle gap took several times as long as one
 * right after another.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { PostgresStorage, SqliteStorage, type NewUpdate, type Storage } from "../server/storage/index";

const { values: options } = parseArgs({
  options: {
    batches: { type: "string", default: "200" },
    "payload-bytes": { type: "string", default: "120" },
    backends: { type: "string", default: "sqlite,postgres" },
    baseline: { type: "string" },
    "gap-ms": { type: "string", default: "0" },
  },
});

const BATCHES = Number(options.batches);
const PAYLOAD_BYTES = Number(options["payload-bytes"]);
const BATCH_SIZES = [1, 50] as const;
const GAP_MS = Number(options["gap-ms"]);
const WARMUP_BATCHES = 20;
const DATABASE_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const BENCH_DIR = path.dirname(new URL(import.meta.url).pathname);

interface Backend {
  name: string;
  storage: Storage;
  /** Settings that decide what "durable" costs on this backend. */
  durability: Record<string, string>;
  cleanup(): Promise<void>;
}

interface Figures {
  backend: string;
  batchSize: number;
  medianMs: number;
  p90Ms: number;
  p99Ms: number;
  meanMs: number;
  /** Updates per second one writer reaches at the median latency. */
  updatesPerSecondAtMedian: number;
}

async function openSqlite(name = "sqlite", Sqlite: typeof SqliteStorage = SqliteStorage): Promise<Backend> {
  const dataDir = path.join(BENCH_DIR, "tmp", `storage-append-${process.pid}-${name}`);
  const storage = new Sqlite(dataDir);
  await storage.init();
  const address = storage.address();
  return {
    name,
    storage,
    durability: {
      journal_mode: "WAL",
      synchronous: address.backend === "sqlite" ? address.synchronous.toUpperCase() : "?",
      file: path.relative(process.cwd(), storage.filePath),
    },
    async cleanup() {
      await storage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(): Promise<Backend> {
  const schema = `bench_storage_append_${process.pid}`;
  const storage = new PostgresStorage(DATABASE_URL, { schema });
  await storage.init();
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const durability: Record<string, string> = {};
  for (const setting of ["fsync", "synchronous_commit", "wal_sync_method", "server_version"]) {
    const { rows } = await admin.query<Record<string, string>>(`SHOW ${setting}`);
    durability[setting] = rows[0]?.[setting] ?? "?";
  }
  return {
    name: "postgres",
    storage,
    durability,
    async cleanup() {
      await storage.close();
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    },
  };
}

function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summarise(backend: string, batchSize: number, samples: number[]): Figures {
  const sorted = [...samples].sort((a, b) => a - b);
  const medianMs = percentile(sorted, 0.5);
  return {
    backend,
    batchSize,
    medianMs,
    p90Ms: percentile(sorted, 0.9),
    p99Ms: percentile(sorted, 0.99),
    meanMs: samples.reduce((sum, sample) => sum + sample, 0) / samples.length,
    updatesPerSecondAtMedian: (batchSize * 1000) / medianMs,
  };
}

function batchOf(boardId: string, size: number): NewUpdate[] {
  return Array.from({ length: size }, () => ({
    boardId,
    data: new Uint8Array(randomBytes(PAYLOAD_BYTES)),
    author: "bench",
    createdAt: Date.now(),
  }));
}

async function main(): Promise<void> {
  const openers: Record<string, () => Promise<Backend>> = { sqlite: openSqlite, postgres: openPostgres };
  const backends: Backend[] = [];
  for (const name of options.backends.split(",").map((part) => part.trim())) {
    const open = openers[name];
    if (!open) throw new Error(`unknown backend ${name}; known: ${Object.keys(openers).join(", ")}`);
    backends.push(await open());
  }
  if (options.baseline) {
    const baseline = (await import(path.resolve(options.baseline, "server/storage/index.ts"))) as { SqliteStorage: typeof SqliteStorage };
    backends.push(await openSqlite("sqlite-baseline", baseline.SqliteStorage));
  }
  try {
    const boardId = `bench-${process.pid}`;
    for (const { storage } of backends) {
      await storage.createBoard(
        { id: boardId, title: "Append benchmark", createdAt: Date.now(), updatedAt: Date.now() },
        { edit: "bench-edit", view: "bench-view" },
        new Uint8Array([0, 0]),
      );
    }
    // The machine is shared: the load around the run says how much to trust its figures.
    const loadBefore = os.loadavg()[0];
    const samples = new Map<string, number[]>();
    for (let round = 0; round < WARMUP_BATCHES + BATCHES; round += 1) {
      for (const batchSize of BATCH_SIZES) {
        for (const backend of backends) {
          const batch = batchOf(boardId, batchSize);
          if (GAP_MS > 0) await new Promise((resolve) => setTimeout(resolve, GAP_MS));
          const started = performance.now();
          await backend.storage.appendUpdates(batch);
          const elapsed = performance.now() - started;
          if (round < WARMUP_BATCHES) continue;
          const key = `${backend.name}:${batchSize}`;
          samples.set(key, [...(samples.get(key) ?? []), elapsed]);
        }
      }
    }
    const figures = backends.flatMap((backend) =>
      BATCH_SIZES.map((batchSize) => summarise(backend.name, batchSize, samples.get(`${backend.name}:${batchSize}`) ?? [])),
    );
    const loadAfter = os.loadavg()[0];
    console.log(
      `appendUpdates latency, ${BATCHES} batches each, ${PAYLOAD_BYTES}-byte updates, ${GAP_MS} ms idle before each, ${os.cpus().length} cores, ` +
        `load average ${loadBefore?.toFixed(1)} before, ${loadAfter?.toFixed(1)} after`,
    );
    console.table(
      figures.map((row) => ({
        backend: row.backend,
        batch: row.batchSize,
        "median ms": row.medianMs.toFixed(3),
        "p90 ms": row.p90Ms.toFixed(3),
        "p99 ms": row.p99Ms.toFixed(3),
        "mean ms": row.meanMs.toFixed(3),
        "updates/s at median": Math.round(row.updatesPerSecondAtMedian),
      })),
    );
    for (const backend of backends) console.log(`${backend.name} durability:`, backend.durability);
    const resultsDir = path.join(BENCH_DIR, "results");
    mkdirSync(resultsDir, { recursive: true });
    const suffix = GAP_MS > 0 ? `-gap-${GAP_MS}ms` : "";
    const resultFile = path.join(resultsDir, `storage-append-${new Date().toISOString().slice(0, 10)}${suffix}.json`);
    const record = {
      measuredAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model,
        node: process.version,
        platform: os.platform(),
        loadAverageBefore: loadBefore,
        loadAverageAfter: loadAfter,
      },
      settings: { batches: BATCHES, warmupBatches: WARMUP_BATCHES, payloadBytes: PAYLOAD_BYTES, gapMs: GAP_MS },
      durability: Object.fromEntries(backends.map((backend) => [backend.name, backend.durability])),
      figures,
    };
    writeFileSync(resultFile, `${JSON.stringify(record, null, 2)}\n`);
    console.log(`wrote ${path.relative(process.cwd(), resultFile)}`);
  } finally {
    for (const backend of backends) await backend.cleanup();
  }
}

await main();
