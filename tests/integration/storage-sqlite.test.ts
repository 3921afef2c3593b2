import { mkdirSync, statSync } from "node:fs";
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

  it("stores an update no earlier than the one before it when the clock steps back, and finds it by time", async () => {
    const storage = await open();
    await storage.createBoard({ id: "b1", title: "Clock", createdAt: 1_000, updatedAt: 1_000 }, { edit: "e", view: "v" }, new Uint8Array([0, 0]));
    const at = (createdAt: number) => ({ boardId: "b1", data: new Uint8Array([createdAt % 256]), author: "Ana", createdAt });
    await storage.appendUpdates([at(5_000), at(4_000)]);
    await storage.appendUpdates([at(3_000)]);
    await storage.appendUpdates([at(6_000)]);
    expect((await storage.readUpdates("b1", 0)).map((stored) => [stored.seq, stored.createdAt])).toEqual([
      [1, 5_000],
      [2, 5_000],
      [3, 5_000],
      [4, 6_000],
    ]);
    expect(await storage.seqAtTime("b1", 4_999)).toBe(0);
    expect(await storage.seqAtTime("b1", 5_000)).toBe(3);
    expect(await storage.seqAtTime("b1", 6_000)).toBe(4);
    expect((await storage.getBoard("b1"))?.updatedAt).toBe(6_000);
  });

  it("an append writes the log and nothing else: one clustered table, no time index, the board's row untouched", async () => {
    const storage = await open();
    await storage.createBoard({ id: "b1", title: "Lean", createdAt: 1_000, updatedAt: 1_000 }, { edit: "e", view: "v" }, new Uint8Array([0, 0]));
    const inspector = new Database(storage.filePath, { readonly: true });
    try {
      const boardRow = () => inspector.prepare("SELECT * FROM boards WHERE id = 'b1'").get();
      const before = boardRow();
      await storage.appendUpdates([{ boardId: "b1", data: new Uint8Array([1]), author: "Ana", createdAt: 2_000 }]);
      expect(boardRow()).toEqual(before);
      expect((await storage.getBoard("b1"))?.updatedAt).toBe(2_000);
      const schema = inspector.prepare("SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'updates'").all() as { type: string; name: string; sql: string | null }[];
      expect(schema.map((entry) => entry.type)).toEqual(["table"]);
      expect(schema[0]?.sql).toMatch(/WITHOUT ROWID\s*$/);
    } finally {
      inspector.close();
    }
  });

  it("migrates a version-3 file: every update kept, times made non-decreasing, the next seq after the last", async () => {
    const dataDir = path.join(root, "v3");
    mkdirSync(dataDir);
    const old = new Database(path.join(dataDir, SQLITE_FILE_NAME));
    old.pragma("journal_mode = WAL");
    old.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
    for (const migration of sqliteMigrations.filter((step) => step.version <= 3)) {
      for (const statement of migration.statements) old.exec(statement);
      old.prepare("INSERT INTO schema_migrations VALUES (?, ?, 0)").run(migration.version, migration.name);
    }
    old.prepare("INSERT INTO boards (id, title, created_at, updated_at, head_seq) VALUES ('a', 'A', 100, 900, 3), ('b', 'B', 100, 100, 0)").run();
    const insert = old.prepare("INSERT INTO updates (board_id, seq, data, author, created_at) VALUES (?, ?, ?, ?, ?)");
    insert.run("a", 1, Buffer.from([1]), "Ana", 700);
    insert.run("a", 2, Buffer.from([2]), "Ben", 600); // the clock stepped back
    insert.run("a", 3, Buffer.from([3]), "Ana", 900);
    old.close();

    const storage = await open(dataDir);
    expect((await storage.readUpdates("a", 0)).map((stored) => [stored.seq, stored.author, [...stored.data], stored.createdAt])).toEqual([
      [1, "Ana", [1], 700],
      [2, "Ben", [2], 700],
      [3, "Ana", [3], 900],
    ]);
    expect(await storage.headSeq("a")).toBe(3);
    expect(await storage.headSeq("b")).toBe(0);
    expect(await storage.seqAtTime("a", 800)).toBe(2);
    expect(await storage.appendUpdates([{ boardId: "b", data: new Uint8Array([9]), author: "Cy", createdAt: 1_000 }, { boardId: "a", data: new Uint8Array([4]), author: "Cy", createdAt: 1_000 }])).toEqual([1, 4]);
    expect(await storage.getBoard("a")).toEqual({ id: "a", title: "A", createdAt: 100, updatedAt: 1_000 });
    const inspector = new Database(storage.filePath, { readonly: true });
    try {
      expect(inspector.prepare("SELECT name FROM pragma_table_info('boards')").pluck().all()).not.toContain("head_seq");
      expect(inspector.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'updates_by_time'").all()).toEqual([]);
    } finally {
      inspector.close();
    }
  });

  it("createStorage picks SQLite when no databaseUrl is configured, PostgreSQL when one is", () => {
    expect(createStorage({ dataDir: root })).toBeInstanceOf(SqliteStorage);
    expect(createStorage({ dataDir: root, databaseUrl: "postgres://nobody@127.0.0.1:1/none" })).toBeInstanceOf(
      PostgresStorage,
    );
  });
});
