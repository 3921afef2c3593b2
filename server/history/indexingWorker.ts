import { Worker } from "node:worker_threads";
import type { Logger } from "pino";
import type { HistoryPatch, HistorySegment, Storage } from "../storage/types";
import { HistoryIndexer, type IndexKeeper } from "./indexer";

export type ToIndexingWorker =
  | { kind: "ensure"; id: number; boardId: string; uptoSeq: number }
  | { kind: "index-written"; id: number; error?: string }
  | { kind: "close" };
export type FromIndexingWorker =
  | { kind: "ready"; threadId: number | null; niceness: number | null }
  | { kind: "write-index"; id: number; patches: readonly HistoryPatch[]; segments: readonly HistorySegment[] }
  | { kind: "memory"; heapUsedBytes: number }
  | { kind: "done"; id: number; error?: string }
  | { kind: "failed"; error: string };

interface Waiting {
  boardId: string;
  uptoSeq: number;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Builds the history index in a worker thread with its own storage connection, so replaying
 * the log (decoding every update once, JSON for every changed entry) never runs on the event
 * loop that relays live updates. With indexing on that loop (and runs of 200 updates), fan-out
 * p99 was 1.39× the reference server's (bench/results/2026-12-07-vm-at-3c93838.md).
 *
 * On SQLite the worker's connection is read-only and it hands the index rows it made to this
 * thread, which writes them on the connection that stores live updates. A file has one write
 * lock: when the worker wrote itself, a group commit that met its transaction slept in SQLite's
 * busy handler (1, 2, 5 ms… on the event loop), and the worker, at nice 19, could be preempted
 * while it held the lock. Writing 200 rows here takes about as long as one group commit.
 *
 * Indexing is idempotent (HistoryIndexer), so nothing is lost if the worker dies: it is logged,
 * and this process indexes in-process from then on, starting with what was waiting.
 */
export class IndexingWorker implements IndexKeeper {
  private worker: Worker | null;
  private inProcess: HistoryIndexer | null = null;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private closed = false;
  private readonly exited: Promise<void>;
  /** Once the worker has opened its storage: its OS thread id and nice value (Linux), else null. */
  readyInfo: { threadId: number | null; niceness: number | null } | null = null;
  /** The worker's V8 heap in use, as it last reported (every few seconds); 0 before that. */
  heapUsedBytes = 0;

  constructor(
    private readonly storage: Storage,
    private readonly logger: Logger,
  ) {
    let worker: Worker | null = null;
    try {
      worker = new Worker(new URL("./indexingWorkerEntry.mjs", import.meta.url), {
        workerData: { address: storage.address() },
        execArgv: workerExecArgv(process.execArgv),
      });
    } catch (error) {
      logger.error({ reason: String(error) }, "history indexing worker failed; indexing in-process from now on");
    }
    this.worker = worker;
    if (!worker) {
      this.exited = Promise.resolve();
      return;
    }
    // Never what keeps the process alive: close() stops it.
    worker.unref();
    worker.on("message", (message: FromIndexingWorker) => this.receive(message));
    worker.on("error", (error) => this.fail(error.message));
    this.exited = new Promise((resolve) => {
      worker.once("exit", () => {
        if (!this.closed) this.fail("the worker thread exited");
        resolve();
      });
    });
  }

  /** Where indexing runs: in the worker thread, or in this thread once the worker failed. */
  get mode(): "worker" | "in-process" {
    return this.worker ? "worker" : "in-process";
  }

  ensure(boardId: string, uptoSeq: number): Promise<void> {
    if (this.closed) return Promise.reject(new Error("history indexing is closed"));
    if (!this.worker) return this.fallback().ensure(boardId, uptoSeq);
    const id = this.nextId++;
    const worker = this.worker;
    return new Promise<void>((resolve, reject) => {
      this.waiting.set(id, { boardId, uptoSeq, resolve, reject });
      worker.postMessage({ kind: "ensure", id, boardId, uptoSeq } satisfies ToIndexingWorker);
    });
  }

  /** Lets the worker finish what it was asked, then closes its connection and the thread. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.worker) {
      this.worker.ref();
      this.worker.postMessage({ kind: "close" } satisfies ToIndexingWorker);
      await this.exited;
    }
    for (const waiting of this.waiting.values()) waiting.reject(new Error("history indexing is closed"));
    this.waiting.clear();
    await this.inProcess?.close();
  }

  private receive(message: FromIndexingWorker): void {
    if (message.kind === "write-index") {
      this.writeForWorker(message.id, message.patches, message.segments);
      return;
    }
    if (message.kind === "memory") {
      this.heapUsedBytes = message.heapUsedBytes;
      return;
    }
    if (message.kind === "ready") {
      this.readyInfo = { threadId: message.threadId, niceness: message.niceness };
      return;
    }
    if (message.kind === "failed") {
      this.fail(message.error);
      return;
    }
    const waiting = this.waiting.get(message.id);
    if (!waiting) return;
    this.waiting.delete(message.id);
    if (message.error === undefined) waiting.resolve();
    else waiting.reject(new Error(message.error));
  }

  /** Index rows the worker made, stored on this thread's connection (see the class comment). */
  private writeForWorker(id: number, patches: readonly HistoryPatch[], segments: readonly HistorySegment[]): void {
    const reply = (error?: string) => this.worker?.postMessage({ kind: "index-written", id, error } satisfies ToIndexingWorker);
    this.storage.appendHistoryIndex(patches, segments).then(
      () => reply(),
      (error: unknown) => reply(error instanceof Error ? error.message : String(error)),
    );
  }

  /** The worker is gone: index in-process from now on, starting with what it was asked. */
  private fail(reason: string): void {
    if (!this.worker) return;
    this.worker = null;
    if (this.closed) return;
    this.logger.error({ reason }, "history indexing worker failed; indexing in-process from now on");
    const pending = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiting of pending) this.fallback().ensure(waiting.boardId, waiting.uptoSeq).then(waiting.resolve, waiting.reject);
  }

  private fallback(): HistoryIndexer {
    this.inProcess ??= new HistoryIndexer(this.storage);
    return this.inProcess;
  }
}

/**
 * The Node flags a worker gets: the process's profiling flags, nothing else. By default a worker
 * inherits them all, but V8 flags (`--expose-gc`) are refused there, and preloads break it: its
 * loader registration is its own, so a TypeScript preload the main thread loads after
 * `--import tsx` fails in the worker. The worker's entry registers tsx itself.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  return execArgv.filter((arg) => /^--(cpu|heap)-prof(?:$|-(?:dir|name|interval)=)/.test(arg));
}
