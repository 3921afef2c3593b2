import { randomBytes } from "node:crypto";
import { appendFileSync, copyFileSync, statSync, truncateSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import * as Y from "yjs";
import { afterAll, describe, expect, it } from "vitest";
import { readBoard } from "../../lib/board/schema";
import { createBoard } from "../../server/boards";
import { PostgresStorage } from "../../server/storage/postgres";
import { SQLITE_FILE_NAME, SqliteStorage } from "../../server/storage/sqlite";
import type { Storage } from "../../server/storage/types";
import { connectClient, startTestServer, tempDir, waitForSync } from "../helpers/server";
import { postgresTestUrl, requirePostgres } from "../helpers/services";
import { memoryTempDir, scaled, scaledTimeout, seededRandom } from "./core-harness";
import { canonicalJson } from "./convergence-run";
import { randomEdit } from "./fuzz-ops";
import { checkStorageEquivalence } from "./storage-equivalence";

/*
 * R2: what storage gives back equals what was live, for random logs, random batching and
 * random checkpoints, on SQLite and PostgreSQL; and a torn last write to SQLite's WAL costs
 * that write only.
 */

const SEEDS = scaled(4, 40);
const EDITS = 400;
const postgresAvailable = await requirePostgres();

async function expectEquivalent(storage: Storage): Promise<void> {
  for (let seed = 1; seed <= SEEDS; seed++) {
    expect(await checkStorageEquivalence(storage, seed, { edits: EDITS }), `seed ${seed}`).toEqual([]);
  }
}

describe("R2: storage equivalence on SQLite", () => {
  const dir = memoryTempDir("modelmap-r2-");
  const storage = new SqliteStorage(dir.dir);
  afterAll(async () => {
    await storage.close();
    dir.remove();
  });

  it(`reload and history equal the live document (${SEEDS} seeds × ${EDITS} edits)`, { timeout: scaledTimeout(60_000) }, async () => {
    await storage.init();
    await expectEquivalent(storage);
  });

  it("negative control: checkpoints that claim one batch too many are reported", async () => {
    await storage.init();
    const problems: string[] = [];
    for (let seed = 1; seed <= 2; seed++) problems.push(...(await checkStorageEquivalence(storage, seed, { edits: EDITS, checkpointOffByOne: true })));
    expect(problems.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!postgresAvailable)("R2: storage equivalence on PostgreSQL", () => {
  const schema = `modelmap_r2_${process.pid}_${randomBytes(4).toString("hex")}`;
  const storage = new PostgresStorage(postgresTestUrl, { schema });
  afterAll(async () => {
    await storage.close();
    const admin = new pg.Client({ connectionString: postgresTestUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  });

  it(`reload and history equal the live document (${SEEDS} seeds × ${EDITS} edits)`, { timeout: scaledTimeout(60_000) }, async () => {
    await storage.init();
    await expectEquivalent(storage);
  });
});

/**
 * Writes `batches` transactions to a SQLite store that stays open (its WAL holds them, as after
 * a crash), copies the files away, lets `damage` tear the WAL copy and returns the copy's
 * directory with the board as it was after each batch.
 */
async function crashCopy(damage: (walPath: string) => void): Promise<{ dir: string; remove: () => void; boardId: string; viewToken: string; after: string[] }> {
  const source = tempDir("modelmap-r2-wal-");
  const copy = tempDir("modelmap-r2-torn-");
  const storage = new SqliteStorage(source.dir);
  await storage.init();
  const board = await createBoard(storage, "http://torn.invalid", { title: "torn", source: "template" });
  const live = new Y.Doc();
  Y.applyUpdate(live, (await storage.latestCheckpoint(board.id))!.state);
  const pending: Uint8Array[] = [];
  live.on("update", (update: Uint8Array) => pending.push(update));
  const random = seededRandom(99);
  const after: string[] = [];
  for (let batch = 0; batch < 20; batch++) {
    for (let i = 0; i < 5; i++) randomEdit(live, random, "writer");
    await storage.appendUpdates(pending.splice(0).map((data) => ({ boardId: board.id, data, author: "writer", createdAt: Date.now() })));
    after.push(canonicalJson(readBoard(live)));
  }
  const walPath = path.join(copy.dir, `${SQLITE_FILE_NAME}-wal`);
  copyFileSync(path.join(source.dir, SQLITE_FILE_NAME), path.join(copy.dir, SQLITE_FILE_NAME));
  copyFileSync(`${storage.filePath}-wal`, walPath);
  await storage.close();
  source.remove();
  live.destroy();
  damage(walPath);
  return { dir: copy.dir, remove: copy.remove, boardId: board.id, viewToken: board.viewToken, after };
}

/** Starts the real server on a directory and reads the board with a stock client. */
async function boardServedFrom(dir: string, boardId: string, token: string): Promise<string> {
  const server = await startTestServer({ dataDir: dir });
  try {
    const client = connectClient(server.wsBase, boardId, token);
    await waitForSync(client);
    const board = canonicalJson(readBoard(client.doc));
    client.destroy();
    return board;
  } finally {
    await server.close();
  }
}

describe("R2: a torn last write to SQLite's WAL", () => {
  it("a WAL cut in the middle of its last frame: the server starts and has everything before that write", async () => {
    const torn = await crashCopy((walPath) => truncateSync(walPath, statSync(walPath).size - 1000));
    try {
      expect(await boardServedFrom(torn.dir, torn.boardId, torn.viewToken)).toBe(torn.after[18]);
    } finally {
      torn.remove();
    }
  });

  it("garbage after the last WAL frame is ignored and nothing is lost", async () => {
    const torn = await crashCopy((walPath) => appendFileSync(walPath, randomBytes(5000)));
    try {
      expect(await boardServedFrom(torn.dir, torn.boardId, torn.viewToken)).toBe(torn.after[19]);
    } finally {
      torn.remove();
    }
  });

  it("negative control: a WAL cut in half loses more than the last write, and the same check says so", async () => {
    const torn = await crashCopy((walPath) => truncateSync(walPath, Math.floor(statSync(walPath).size / 2)));
    try {
      expect(await boardServedFrom(torn.dir, torn.boardId, torn.viewToken)).not.toBe(torn.after[19]);
    } finally {
      torn.remove();
    }
  });
});
