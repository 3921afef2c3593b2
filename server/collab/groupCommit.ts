import type { NewUpdate, Storage } from "../storage/types";

interface Pending {
  update: NewUpdate;
  resolve: (seq: number) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: updates that arrive while a write is in flight (or within the same event-loop
 * turn) are written together in one storage transaction, so durability costs latency, not
 * throughput. Writes are serialised: batches commit in arrival order, one at a time.
 */
export class GroupCommitter {
  private queue: Pending[] = [];
  private writing: Promise<void> | null = null;
  private scheduled = false;

  constructor(
    private readonly storage: Storage,
    private readonly observeWrite: (seconds: number, batchSize: number) => void = () => {},
  ) {}

  append(update: NewUpdate): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ update, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when everything queued so far has been written (or failed). */
  async drain(): Promise<void> {
    while (this.queue.length > 0 || this.writing || this.scheduled) {
      if (this.writing) await this.writing;
      else await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  get pendingCount(): number {
    return this.queue.length;
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // setImmediate lets every frame already read from the sockets join this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.writing = this.writeBatch().finally(() => {
        this.writing = null;
        if (this.queue.length > 0) this.schedule();
      });
    });
  }

  private async writeBatch(): Promise<void> {
    const batch = this.queue;
    this.queue = [];
    if (batch.length === 0) return;
    const started = performance.now();
    try {
      const seqs = await this.storage.appendUpdates(batch.map((p) => p.update));
      this.observeWrite((performance.now() - started) / 1000, batch.length);
      batch.forEach((pending, index) => pending.resolve(seqs[index] ?? 0));
    } catch (error) {
      for (const pending of batch) pending.reject(error);
    }
  }
}
