import type { Logger } from "pino";
import type { Room } from "../collab/room";
import type { Storage } from "../storage/types";
import type { ScaleOutMetrics } from "./metrics";

/** One entry of a board's update stream. */
export interface StreamEntry {
  seq: number;
  /** The instance that stored the update. */
  from: string;
  /** When that instance appended it (ms since the epoch), for the lag metric. */
  appendedAt: number;
  update: Uint8Array;
}

export type CatchUpReason = "load" | "gap" | "local-gap" | "reconnect" | "reconcile";

/**
 * What one instance knows about one loaded board's log: every update with seq <= appliedSeq
 * is in the room's document, plus the seqs in `appliedAhead` (this instance's own writes that
 * overtook another instance's). Seqs are gapless per board (the storage assigns them), so a
 * stream entry whose seq is not appliedSeq + 1 means something was missed or is still on its
 * way, and the missing range is read from storage, which has it: instances store before they
 * append to the stream. All changes to the document go through one queue per board, in order.
 */
export class BoardFollower {
  /** Id of the last stream entry read, or null when not known yet (Redis unreachable at load). */
  streamId: string | null = null;
  private appliedSeq: number;
  private readonly appliedAhead = new Set<number>();
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;

  constructor(
    readonly room: Room,
    private readonly deps: {
      storage: Storage;
      metrics: ScaleOutMetrics;
      logger: Logger;
      /** False once the registry unloaded this room (then nothing is applied to it any more). */
      isCurrent: (room: Room) => boolean;
    },
  ) {
    // The room was just loaded from storage: it holds everything up to its storedSeq.
    this.appliedSeq = room.storedSeq;
  }

  get boardId(): string {
    return this.room.boardId;
  }

  /** The newest seq below which nothing is missing. */
  get contiguousSeq(): number {
    return this.appliedSeq;
  }

  /**
   * This instance stored `seq` (already in the document). Returns a promise when updates
   * of other instances below it are still missing: the room waits for it before relaying,
   * so the room's storedSeq (its checkpoint seq) never claims content it does not hold.
   */
  noteLocalUpdate(seq: number): Promise<void> | undefined {
    this.markApplied(seq);
    if (seq <= this.appliedSeq) return undefined;
    return this.enqueue(() => this.catchUpFromStorage("local-gap"));
  }

  /** An entry read from the board's stream (possibly our own, possibly already applied). */
  receive(entry: StreamEntry): void {
    if (entry.seq <= this.appliedSeq && this.queued === 0) return;
    void this.enqueue(async () => {
      if (this.hasApplied(entry.seq)) return;
      if (entry.seq === this.appliedSeq + 1) {
        this.apply(entry.seq, entry.update, "stream");
        this.deps.metrics.streamLag.observe(Math.max(0, Date.now() - entry.appendedAt) / 1000);
        return;
      }
      await this.catchUpFromStorage("gap");
    });
  }

  /** Reads and applies everything stored after appliedSeq (after a load, a reconnect, a gap). */
  catchUp(reason: CatchUpReason): Promise<void> {
    return this.enqueue(() => this.catchUpFromStorage(reason));
  }

  /** Catches up only when storage holds more than this instance applied (the periodic check). */
  reconcile(): Promise<void> {
    return this.enqueue(async () => {
      const head = await this.deps.metrics.time("storage", "headSeq", () => this.deps.storage.headSeq(this.boardId));
      if (head > this.appliedSeq) await this.catchUpFromStorage("reconcile");
    });
  }

  private async catchUpFromStorage(reason: CatchUpReason): Promise<void> {
    if (!this.deps.isCurrent(this.room)) return;
    const from = this.appliedSeq;
    const missed = await this.deps.metrics.time("storage", "readUpdates", () => this.deps.storage.readUpdates(this.boardId, from));
    this.deps.metrics.catchUps.inc(1, { reason });
    for (const stored of missed) {
      if (!this.hasApplied(stored.seq)) this.apply(stored.seq, stored.data, "storage");
      else this.markApplied(stored.seq);
    }
  }

  private apply(seq: number, update: Uint8Array, source: "stream" | "storage"): void {
    if (!this.deps.isCurrent(this.room)) return;
    try {
      this.room.applyStoredRemoteUpdate(update, seq);
      this.deps.metrics.remoteUpdatesApplied.inc(1, { source });
    } catch (error) {
      // The same choice as loading: a stored update that does not apply is skipped, not retried forever.
      this.deps.logger.error({ boardId: this.boardId, seq, err: error }, "skipping a stored update that does not apply");
    }
    this.markApplied(seq);
  }

  private hasApplied(seq: number): boolean {
    return seq <= this.appliedSeq || this.appliedAhead.has(seq);
  }

  private markApplied(seq: number): void {
    if (seq <= this.appliedSeq) return;
    this.appliedAhead.add(seq);
    while (this.appliedAhead.delete(this.appliedSeq + 1)) this.appliedSeq += 1;
  }

  /** Runs tasks one at a time in arrival order; a failed task is logged and retried by the next catch-up. */
  private enqueue(task: () => Promise<void> | void): Promise<void> {
    this.queued += 1;
    const run = this.queue.then(task).finally(() => {
      this.queued -= 1;
    });
    this.queue = run.catch((error: unknown) => {
      this.deps.logger.warn({ boardId: this.boardId, err: error }, "catching up a board failed; retrying on the next check");
    });
    return this.queue;
  }
}
