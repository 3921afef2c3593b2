import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type Database from "better-sqlite3";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createInitiative, setInitiativeText, updateInitiative } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { readBoard } from "../../lib/board/schema";
import type { BoardContent } from "../../lib/board/types";
import { createBoard } from "../../server/boards";
import { GroupCommitter } from "../../server/collab/groupCommit";
import { IndexingWorker, workerExecArgv } from "../../server/history/indexingWorker";
import { indexedContentAt } from "../../server/history/indexReads";
import { materializeAt } from "../../server/history/materialize";
import { createLogger } from "../../server/logger";
import { createStorage, PostgresStorage } from "../../server/storage";
import type { NewUpdate, Storage } from "../../server/storage/types";
import { connectClient, createBoard as createBoardOverHttp, repoRoot, startChildServer, tempDir, threadNiceness, waitFor, waitForSync } from "../helpers/server";
import { postgresTestUrl, requirePostgres } from "../helpers/services";

const postgresAvailable = await requirePostgres();

interface Opened {
  storage: Storage;
  close(): Promise<void>;
}

async function openSqlite(): Promise<Opened> {
  const { dir, remove } = tempDir("modelmap-index-worker-");
  const storage = createStorage({ dataDir: dir });
  await storage.init();
  return {
    storage,
    async close() {
      await storage.close();
      remove();
    },
  };
}

async function openPostgres(): Promise<Opened> {
  const schema = `modelmap_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const storage = new PostgresStorage(postgresTestUrl, { schema });
  await storage.init();
  return {
    storage,
    async close() {
      await storage.close();
      const client = new pg.Client({ connectionString: postgresTestUrl });
      await client.connect();
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      await client.end();
    },
  };
}

/** `count` edits by two people as rooms would store them; the board after each seq. */
async function editsOf(storage: Storage, boardId: string, count: number): Promise<{ updates: NewUpdate[]; contents: BoardContent[] }> {
  const doc = await materializeAt(storage, boardId, 0);
  const contents = [readBoard(doc)];
  const updates: NewUpdate[] = [];
  let author = "Ana";
  doc.on("update", (data: Uint8Array) => updates.push({ boardId, data, author, createdAt: 1_000 + updates.length }));
  const ids: string[] = [];
  for (let step = 1; step <= count; step++) {
    author = step % 2 ? "Ana" : "Ben";
    const origin = localUserOrigin(author);
    const id = ids[step % Math.max(1, ids.length)];
    if (!id || step % 40 === 0) ids.push(createInitiative(doc, { title: `Card ${step}`, x: step, y: 0 }, origin));
    else if (step % 3 === 0) setInitiativeText(doc, id, "title", `Card ${step}`, origin);
    else updateInitiative(doc, id, { x: step, status: step % 2 ? "active" : "paused" }, origin);
    contents.push(readBoard(doc));
  }
  doc.destroy();
  return { updates, contents };
}

const opened: Opened[] = [];
const workers: IndexingWorker[] = [];
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.close();
  for (const item of opened.splice(0)) await item.close();
});

async function setUp(open: () => Promise<Opened>): Promise<{ storage: Storage; boardId: string }> {
  const item = await open();
  opened.push(item);
  const board = await createBoard(item.storage, "http://localhost", { title: "Indexed off the event loop", source: "template" });
  return { storage: item.storage, boardId: board.id };
}

function worker(storage: Storage, logger = createLogger("silent")): IndexingWorker {
  const made = new IndexingWorker(storage, logger);
  workers.push(made);
  return made;
}

const backends: [string, () => Promise<Opened>, boolean][] = [
  ["SQLite", openSqlite, true],
  ["PostgreSQL", openPostgres, postgresAvailable],
];

describe.each(backends)("history index built in a worker thread on %s", (_name, open, available) => {
  it.skipIf(!available)("writes the same index replaying the log does, while this thread keeps appending", async () => {
    const { storage, boardId } = await setUp(open);
    const { updates, contents } = await editsOf(storage, boardId, 1_200);
    await storage.appendUpdates(updates.slice(0, 700));
    const indexing = worker(storage);
    // Live group commits go on while the worker reads the log and indexes it (on SQLite the
    // worker only reads; this thread writes its rows between the commits).
    const committer = new GroupCommitter(storage);
    const appended = Promise.all(updates.slice(700).map((update) => committer.append(update)));
    await indexing.ensure(boardId, 700);
    const seqs = await appended;
    expect(seqs.at(-1)).toBe(1_200);
    await indexing.ensure(boardId, 1_200);
    expect(indexing.mode).toBe("worker");
    if (process.platform === "linux") {
      // The thread runs at the lowest priority, as the kernel sees it (field 19 of its stat).
      const threadId = indexing.readyInfo?.threadId;
      expect(threadId).toBeTypeOf("number");
      expect(threadNiceness(threadId!)).toBe(19);
    }
    expect(await storage.historyIndexHead(boardId)).toBe(1_200);
    for (const seq of [0, 1, 250, 499, 500, 501, 700, 999, 1_000, 1_200]) {
      expect(await indexedContentAt(storage, boardId, seq)).toEqual(contents[seq]);
    }
  });
});

describe("history indexing worker", () => {
  it("falls back to indexing in this thread when the worker cannot open the storage, and logs why", async () => {
    const { storage, boardId } = await setUp(openSqlite);
    const { updates, contents } = await editsOf(storage, boardId, 120);
    await storage.appendUpdates(updates);
    // The worker is told to open a PostgreSQL server that is not there; this thread's storage works.
    const unreachable: Storage = Object.create(storage, {
      address: { value: () => ({ backend: "postgres", databaseUrl: "postgres://nobody@127.0.0.1:9/none", schema: "public" }) },
    });
    const lines: string[] = [];
    const logger = createLogger("error", { write: (line: string) => lines.push(line) });
    const indexing = worker(unreachable, logger);
    await indexing.ensure(boardId, 120);
    expect(indexing.mode).toBe("in-process");
    expect(lines.join("")).toContain("history indexing worker failed");
    expect(await indexedContentAt(storage, boardId, 120)).toEqual(contents[120]);
  });

  it("S5: on SQLite it only reads: it indexes while this thread holds the file's write lock, and this thread writes the rows", async () => {
    const { storage, boardId } = await setUp(openSqlite);
    const { updates, contents } = await editsOf(storage, boardId, 450);
    await storage.appendUpdates(updates);
    const indexing = worker(storage);
    // This thread's connection takes the file's one write lock and keeps it while the worker
    // indexes. A worker writing on its own connection would wait for that lock (and fail after
    // the 5 s busy timeout); its rows come here instead, into the open transaction.
    const db = (storage as unknown as { db: Database.Database }).db;
    db.exec("BEGIN IMMEDIATE");
    try {
      await indexing.ensure(boardId, 450);
      expect(db.inTransaction).toBe(true);
    } finally {
      db.exec("COMMIT");
    }
    expect(indexing.mode).toBe("worker");
    expect(await storage.historyIndexHead(boardId)).toBe(450);
    for (const seq of [0, 1, 200, 449, 450]) expect(await indexedContentAt(storage, boardId, seq)).toEqual(contents[seq]);
  });

  it("finishes what it was asked before close resolves, and refuses work after", async () => {
    const { storage, boardId } = await setUp(openSqlite);
    const { updates, contents } = await editsOf(storage, boardId, 600);
    await storage.appendUpdates(updates);
    const indexing = worker(storage);
    const asked = indexing.ensure(boardId, 600);
    await indexing.close();
    await asked;
    expect(await storage.historyIndexHead(boardId)).toBe(600);
    expect(await indexedContentAt(storage, boardId, 600)).toEqual(contents[600]);
    await expect(indexing.ensure(boardId, 600)).rejects.toThrow("closed");
  });
});

describe("the server's history indexing", () => {
  it("runs in the worker thread in the server as shipped (a child process), and serves the timeline from it", async () => {
    const { dir, remove } = tempDir("modelmap-index-worker-child-");
    const server = await startChildServer(dir);
    try {
      const board = await createBoardOverHttp(server.url, { title: "Child" });
      const client = connectClient(server.url.replace(/^http/, "ws") + "/collab", board.id, board.editToken, "Ana");
      await waitForSync(client);
      for (let step = 1; step <= 30; step++) createInitiative(client.doc, { title: `Card ${step}`, x: step * 10, y: 0 }, localUserOrigin("Ana"));
      const headers = { authorization: `Bearer ${board.viewToken}` };
      await waitFor(async () => {
        const response = await fetch(`${server.url}/api/boards/${board.id}/timeline`, { headers });
        const timeline = (await response.json()) as { groups: { author: string; lines: string[] }[] };
        return timeline.groups.some((group) => group.author === "Ana" && group.lines.some((line) => line.includes("Card 30")));
      }, 15_000, "Ana's 30th card on the timeline");
      client.destroy();
      // Had the worker not started (its entry missing beside the server's module, say), the
      // server would have indexed in-process and said so.
      expect(server.output()).not.toContain("history indexing worker failed");
      // Its heap is on /metrics (the process's own heap figures cover the main thread only).
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      expect(Number(/^modelmap_history_index_worker_heap_bytes (\d+)/m.exec(metrics)?.[1])).toBeGreaterThan(1_000_000);
    } finally {
      server.child.kill("SIGTERM");
      await server.exited;
      remove();
    }
  });
});

describe("the indexing worker's Node flags", () => {
  it("keep profiling flags and drop preloads and V8 flags, which a worker refuses or cannot load", () => {
    expect(
      workerExecArgv(["--expose-gc", "--import", "tsx", "--import=./probe.ts", "-r", "x.cjs", "--require=y.cjs", "--cpu-prof", "--cpu-prof-dir=/tmp/p", "--heap-prof"]),
    ).toEqual(["--cpu-prof", "--cpu-prof-dir=/tmp/p", "--heap-prof"]);
  });

  it("let the worker start in a server run as the benchmark runs it (a V8 flag and a TypeScript preload after tsx)", async () => {
    const { dir, remove } = tempDir("modelmap-index-worker-flags-");
    const child = spawn(
      process.execPath,
      ["--expose-gc", "--import", "tsx", "--import", "./bench/servers/memory-probe.ts", "server/main.ts", "--no-ui"],
      { cwd: repoRoot, env: { ...process.env, PORT: "0", HOST: "127.0.0.1", DATA_DIR: dir, LOG_LEVEL: "warn" }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    try {
      await waitFor(() => /listening on http:\/\/\S+/.test(output), 60_000, "the server to listen");
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1] as string;
      // The worker reports its heap once it has opened the storage.
      await waitFor(async () => /^modelmap_history_index_worker_heap_bytes [1-9]/m.test(await (await fetch(`${url}/metrics`)).text()), 20_000, "the worker's heap on /metrics");
      expect(output).not.toContain("history indexing worker failed");
    } finally {
      child.kill("SIGTERM");
      await exited;
      remove();
    }
  });
});
