import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createStorage, openStorageAt, PostgresStorage, SQLITE_FILE_NAME, SqliteStorage } from "@/server/storage";
import { sqliteMigrations } from "@/server/storage/migrations/sqlite";
import { threadNiceness, waitFor } from "../helpers/server";
import { describeStorageContract } from "./storage-contract";

async function newTempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "modelmap-sqlite-"));
}

describeStorageContract("SQLite", async () => {
  const root = await newTempDir();
  // A nested, missing data dir: init() must create it.
  const dataDir = path.join(root, "nested", "data");
  return {
    async open() {
      const storage = new SqliteStorage(dataDir);
      await storage.init();
      return storage;
    },
    destroy: () => rm(root, { recursive: true, force: true }),
    config: { dataDir },
  };
});

describe("SQLite backend", () => {
  let root: string;
  const opened: SqliteStorage[] = [];

  async function open(dataDir = root): Promise<SqliteStorage> {
    const storage = new SqliteStorage(dataDir);
    opened.push(storage);
    await storage.init();
    return storage;
  }

  beforeEach(async () => {
    root = await newTempDir();
  });

  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    await rm(root, { recursive: true, force: true });
  });

  it("keeps its data in DATA_DIR/modelmap.sqlite, in WAL mode", async () => {
    const storage = await open();
    expect(storage.filePath).toBe(path.join(root, SQLITE_FILE_NAME));
    const inspector = new Database(storage.filePath, { readonly: true });
    try {
      expect(inspector.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      inspector.close();
    }
  });

  it("S5: the write-ahead log is checkpointed beside the storage's connection, never inside a commit", async () => {
    const storage = await open();
    const board = { id: "wal-board", title: "WAL", createdAt: 1, updatedAt: 1 };
    await storage.createBoard(board, { edit: "edit-hash", view: "view-hash" }, new Uint8Array([0, 0]));
    const sizeBefore = statSync(storage.filePath).size;
    const payload = new Uint8Array(4096).fill(7);
    for (let batch = 0; batch < 50; batch++) {
      await storage.appendUpdates(Array.from({ length: 10 }, () => ({ boardId: board.id, data: payload, author: "a", createdAt: 2 })));
    }
    // The commits turned no automatic checkpoint on (it is off on this connection)…
    const ownSetting = (storage as unknown as { db: Database.Database }).db.pragma("wal_autocheckpoint", { simple: true });
    expect(ownSetting).toBe(0);
    // …yet the 2 MB written reach the database file: the worker copied them there.
    await waitFor(() => statSync(storage.filePath).size > sizeBefore + 50 * 10 * 4096, 10_000, "a checkpoint");
    expect(await storage.readUpdates(board.id, 0)).toHaveLength(500);
    if (process.platform === "linux") {
      // The checkpointing thread runs at the lowest priority, as the kernel sees it (field 19 of its stat).
      const checkpointer = (storage as unknown as { checkpointer: { ready: Promise<{ threadId: number | null }> } }).checkpointer;
      const { threadId } = await checkpointer.ready;
      expect(threadId).toBeTypeOf("number");
      expect(threadNiceness(threadId!)).toBe(19);
    }
  });

  it("records each migration once, however often init() runs", async () => {
    const first = await open();
    await first.init();
    await open();
    const inspector = new Database(first.filePath, { readonly: true });
    try {
      const versions = inspector.prepare("SELECT version FROM schema_migrations ORDER BY version").all();
      expect(versions).toEqual(sqliteMigrations.map((migration) => ({ version: migration.version })));
    } finally {
      inspector.close();
    }
  });

  it("refuses to be used before init() and after close()", async () => {
    const storage = new SqliteStorage(root);
    await expect(storage.getBoard("x")).rejects.toThrow(/before init/);
    await storage.init();
    await storage.close();
    await expect(storage.ping()).rejects.toThrow(/after close/);
  });

  it("opened again for a worker thread, it reads what the owner wrote and refuses to write", async () => {
    const owner = await open();
    await owner.createBoard({ id: "b1", title: "Owned", createdAt: 1, updatedAt: 1 }, { edit: "e", view: "v" }, new Uint8Array([0, 0]));
    const reader = openStorageAt(owner.address()) as SqliteStorage;
    opened.push(reader);
    await reader.init();
    await owner.appendUpdates([{ boardId: "b1", data: new Uint8Array([0, 0]), author: "Ana", createdAt: 2 }]);
    expect(await reader.headSeq("b1")).toBe(1);
    await expect(reader.appendUpdates([{ boardId: "b1", data: new Uint8Array([0, 0]), author: "Ben", createdAt: 3 }])).rejects.toThrow(
      /readonly/i,
    );
    await expect(reader.appendHistoryIndex([], [{ boardId: "b1", seq: 0, content: "{}", authors: "{}", blockAuthors: "{}" }])).rejects.toThrow(
      /readonly/i,
    );
    expect(await owner.headSeq("b1")).toBe(1);
  });

  it("createStorage picks SQLite when no databaseUrl is configured, PostgreSQL when one is", () => {
    expect(createStorage({ dataDir: root })).toBeInstanceOf(SqliteStorage);
    expect(createStorage({ dataDir: root, databaseUrl: "postgres://nobody@127.0.0.1:1/none" })).toBeInstanceOf(
      PostgresStorage,
    );
  });
});
