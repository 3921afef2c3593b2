import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** How often the worker copies the write-ahead log into the database file. */
export const WAL_CHECKPOINT_EVERY_MS = 500;

/**
 * The worker's whole program. Plain CommonJS evaluated as is (no TypeScript loader in workers):
 * its own connection, a PASSIVE checkpoint on a timer (it never waits for or blocks a writer:
 * it copies what no reader still needs, and the next commit restarts the log once all is
 * copied), and a last one when asked to stop.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { readlinkSync } = require("node:fs");
const os = require("node:os");
// Lowest scheduling priority for this thread alone (Linux: /proc/thread-self names its id).
let threadId = null;
try {
  threadId = Number(readlinkSync("/proc/thread-self").split("/").pop());
  os.setPriority(threadId, workerData.niceness);
} catch {
  threadId = null;
}
parentPort.postMessage({ ready: true, threadId });
const Database = require(workerData.driverPath);
const database = new Database(workerData.filePath);
database.pragma("busy_timeout = " + workerData.busyTimeoutMs);
database.pragma("wal_autocheckpoint = 0");
function checkpoint() {
  try {
    database.pragma("wal_checkpoint(PASSIVE)");
  } catch (error) {
    parentPort.postMessage({ failed: String(error) });
  }
}
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  database.close();
  parentPort.close();
});
`;

/**
 * The worker's nice value: the lowest. A checkpoint takes a few milliseconds of CPU; on two
 * busy cores, a thread of normal priority doing that takes the core from the relaying thread
 * (which then answers late), while at 19 it runs in what the others leave. Nobody waits for it.
 */
const CHECKPOINT_NICENESS = 19;

/**
 * SQLite checkpoints the write-ahead log automatically inside whichever commit makes it pass
 * 1,000 pages: that commit copies pages into the database file and fsyncs both, and as
 * better-sqlite3 runs on the event loop, every relay waits behind it (a few ms every few
 * hundred commits: the tail of the fan-out latency). The storage turns that off on its own
 * connection and this worker thread checkpoints beside it instead. Durability is unchanged:
 * a commit is in the log before it returns either way (S5); checkpoints only move it.
 */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  /** Resolves once the worker runs, with its kernel thread id (null where it cannot tell). */
  readonly ready: Promise<{ threadId: number | null }>;

  constructor(filePath: string, options: { busyTimeoutMs: number; onFailure: (message: string) => void }) {
    const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { filePath, driverPath, busyTimeoutMs: options.busyTimeoutMs, everyMs: WAL_CHECKPOINT_EVERY_MS, niceness: CHECKPOINT_NICENESS },
    });
    // Never what keeps the process alive; the storage closes it.
    this.worker.unref();
    this.ready = new Promise((resolve) => {
      this.worker.on("message", (message: { failed?: string; ready?: boolean; threadId?: number | null }) => {
        if (message.ready) resolve({ threadId: message.threadId ?? null });
        if (message.failed) options.onFailure(message.failed);
      });
    });
    this.worker.on("error", (error) => options.onFailure(String(error)));
    this.exited = new Promise((resolve) => this.worker.once("exit", () => resolve()));
  }

  /** A last checkpoint, then the worker's connection closes (before the storage's own does). */
  async close(): Promise<void> {
    this.worker.ref();
    this.worker.postMessage("close");
    await this.exited;
  }
}
