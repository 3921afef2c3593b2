import type { Logger } from "pino";
import type { StoredUpdateEvent } from "../collab/room";
import type { IndexKeeper } from "./indexer";

/** Index this long after a board's last stored update… */
const QUIET_MS = 2_000;
/**
 * …or at once when this many updates are waiting, so a busy board never builds a long backlog.
 * A run whose replay document was dropped first rebuilds the board from its last checkpoint, so
 * runs of 200 cost two to four times as much per update as runs of 1,000 (bench/history.ts
 * indexes 1,000 updates in ~25 ms). Runs happen in the indexing worker thread (IndexingWorker);
 * a history read behind by up to 1,000 updates waits for them there (tens of milliseconds).
 */
const BACKLOG_UPDATES = 1_000;

/**
 * Keeps each edited board's history index close behind its log, so history reads rarely have
 * to index anything themselves. Plugs into the Room's `afterStore` hook and only notes the seq.
 */
export class BackgroundIndexing {
  private readonly pending = new Map<string, { seq: number; waiting: number; timer: NodeJS.Timeout | null }>();

  constructor(
    private readonly indexer: IndexKeeper,
    private readonly logger: Logger,
  ) {}

  readonly afterStore = (event: StoredUpdateEvent): void => {
    const boardId = event.room.boardId;
    const entry = this.pending.get(boardId) ?? { seq: 0, waiting: 0, timer: null };
    this.pending.set(boardId, entry);
    entry.seq = Math.max(entry.seq, event.seq);
    entry.waiting += 1;
    if (entry.timer) clearTimeout(entry.timer);
    if (entry.waiting >= BACKLOG_UPDATES) {
      this.run(boardId);
      return;
    }
    entry.timer = setTimeout(() => this.run(boardId), QUIET_MS);
    entry.timer.unref();
  };

  private run(boardId: string): void {
    const entry = this.pending.get(boardId);
    if (!entry) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.pending.delete(boardId);
    // A failure (storage closing at shutdown) only delays indexing: the next read catches up.
    this.indexer.ensure(boardId, entry.seq).catch((error: unknown) => this.logger.warn({ boardId, err: error }, "history indexing failed"));
  }
}
