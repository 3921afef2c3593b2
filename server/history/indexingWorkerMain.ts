/**
 * The history indexing worker's program (see IndexingWorker): its own storage connection and its
 * own HistoryIndexer, answering one message per `ensure`.
 */
import { readlinkSync } from "node:fs";
import os from "node:os";
import v8 from "node:v8";
import { parentPort, workerData } from "node:worker_threads";
import { openStorageAt, type StorageAddress } from "../storage/index";
import type { HistoryPatch, HistorySegment } from "../storage/types";
import { HistoryIndexer } from "./indexer";
import type { FromIndexingWorker, ToIndexingWorker } from "./indexingWorker";

/**
 * Off the relay's event loop a replay can run longer between turns; it still yields now and
 * then so an `ensure` for another board (a history read) is not stuck behind a long catch-up.
 */
const WORKER_REPLAY_SLICE_MS = 20;
/**
 * Small write transactions: each is one turn of the parent's event loop on SQLite (or of a
 * PostgreSQL connection), so a live update never waits behind a long one.
 */
const WORKER_CHUNK_UPDATES = 200;

/**
 * The worker's scheduling priority (nice): the lowest. On a machine whose cores are all busy,
 * indexing (which nobody waits for but a history read) then gets what the relaying thread and
 * everything else leave, instead of a share taken from them.
 */
const WORKER_NICENESS = 19;

/** This thread's id and the nice value it now runs at; null where threads cannot be told apart. */
function lowerOwnPriority(): { threadId: number; niceness: number } | null {
  try {
    // Linux: "/proc/thread-self" links to "<pid>/task/<tid>", and setpriority() given a thread
    // id changes that thread alone. Raising one's own nice value needs no privilege.
    const threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
    if (!Number.isInteger(threadId)) return null;
    os.setPriority(threadId, WORKER_NICENESS);
    return { threadId, niceness: os.getPriority(threadId) };
  } catch {
    return null;
  }
}

const port = parentPort;
if (!port) throw new Error("indexingWorkerMain.ts runs as a worker thread (see IndexingWorker)");

const address = (workerData as { address: StorageAddress }).address;
const storage = openStorageAt(address);

/** Index writes waiting for the parent thread's answer (SQLite: see IndexingWorker). */
const writes = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
let nextWriteId = 1;
function writeThroughParent(patches: readonly HistoryPatch[], segments: readonly HistorySegment[]): Promise<void> {
  const id = nextWriteId++;
  return new Promise((resolve, reject) => {
    writes.set(id, { resolve, reject });
    post({ kind: "write-index", id, patches, segments });
  });
}

const indexer = new HistoryIndexer(storage, {
  replaySliceMs: WORKER_REPLAY_SLICE_MS,
  chunkUpdates: WORKER_CHUNK_UPDATES,
  // SQLite: this thread's connection is read-only; the parent, the file's one writer, stores the rows.
  writeIndex: address.backend === "sqlite" ? writeThroughParent : undefined,
});
const inFlight = new Set<Promise<void>>();
let closing = false;

function post(message: FromIndexingWorker): void {
  port?.postMessage(message);
}

/** How often the worker reports its heap (the process's own figures cover the main thread only). */
const MEMORY_REPORT_MS = 5_000;

const priority = lowerOwnPriority();
function reportMemory(): void {
  post({ kind: "memory", heapUsedBytes: v8.getHeapStatistics().used_heap_size });
}
setInterval(reportMemory, MEMORY_REPORT_MS).unref();
const ready = storage.init().then(
  () => {
    post({ kind: "ready", threadId: priority?.threadId ?? null, niceness: priority?.niceness ?? null });
    reportMemory();
    return true;
  },
  (error: unknown) => {
    post({ kind: "failed", error: String(error) });
    port.close();
    return false;
  },
);

async function answer(id: number, boardId: string, uptoSeq: number): Promise<void> {
  if (!(await ready)) return;
  try {
    await indexer.ensure(boardId, uptoSeq);
    post({ kind: "done", id });
  } catch (error) {
    post({ kind: "done", id, error: error instanceof Error ? error.message : String(error) });
  }
}

async function close(): Promise<void> {
  closing = true;
  await Promise.allSettled([...inFlight]);
  if (await ready) {
    await indexer.close();
    await storage.close();
  }
  port?.close();
}

port.on("message", (message: ToIndexingWorker) => {
  if (message.kind === "index-written") {
    const write = writes.get(message.id);
    writes.delete(message.id);
    if (message.error === undefined) write?.resolve();
    else write?.reject(new Error(message.error));
    return;
  }
  if (message.kind === "close") {
    void close();
    return;
  }
  if (closing) {
    post({ kind: "done", id: message.id, error: "history indexing is closing" });
    return;
  }
  const work = answer(message.id, message.boardId, message.uptoSeq).finally(() => inFlight.delete(work));
  inFlight.add(work);
});
