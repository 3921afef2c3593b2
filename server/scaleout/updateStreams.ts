import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Room } from "../collab/room";
import type { Storage } from "../storage/types";
import { BoardFollower, type StreamEntry } from "./boardFollower";
import type { RedisKeys } from "./keys";
import type { ScaleOutMetrics } from "./metrics";

/** Streams keep about this many entries; an instance further behind reads storage instead. */
export const STREAM_MAX_LENGTH = 5000;
/** How long one XREAD waits for news before the loop looks at its set of boards again. */
const BLOCK_MS = 1000;
const MAX_ENTRIES_PER_READ = 1000;
const RETRY_AFTER_ERROR_MS = 200;

export interface UpdateStreamsOptions {
  /** Appends (XADD) and one-off reads. */
  commands: Redis;
  /** Dedicated to the blocking XREAD loop. */
  reader: Redis;
  keys: RedisKeys;
  instanceId: string;
  storage: Storage;
  metrics: ScaleOutMetrics;
  logger: Logger;
  /** The room the registry currently holds for a board (undefined once unloaded). */
  loadedRoom: (boardId: string) => Room | undefined;
}

/**
 * Each board's updates travel through a Redis stream: appended after the durable store, read
 * in order by every instance that holds the board. One loop reads the streams of all loaded
 * boards with a single blocking XREAD; a board that loads wakes it (CLIENT UNBLOCK).
 */
export class UpdateStreams {
  private readonly followers = new Map<string, BoardFollower>();
  private readerClientId: number | null = null;
  private readerConnectedBefore = false;
  private closed = false;
  private loop: Promise<void> | null = null;
  private wakeLoop: (() => void) | null = null;

  constructor(private readonly options: UpdateStreamsOptions) {
    options.reader.on("ready", () => {
      this.readerClientId = null;
      // Entries appended while we were away are still in the stream, but an append that
      // failed during the outage is only in storage: look there once for every board.
      if (this.readerConnectedBefore) for (const follower of this.followers.values()) void follower.catchUp("reconnect");
      this.readerConnectedBefore = true;
    });
  }

  get followedCount(): number {
    return this.followers.size;
  }

  start(): void {
    this.loop ??= this.readLoop();
  }

  /** Appends a durably stored update to its board's stream (not awaited by the room: Redis may be away). */
  append(boardId: string, seq: number, update: Uint8Array): void {
    const { commands, keys, instanceId, metrics, logger } = this.options;
    const fields = ["seq", String(seq), "from", instanceId, "t", String(Date.now()), "update", Buffer.from(update.buffer, update.byteOffset, update.byteLength)];
    metrics
      .time("redis", "xadd", () => commands.xadd(keys.updates(boardId), "MAXLEN", "~", STREAM_MAX_LENGTH, "*", ...fields))
      .catch((error: unknown) => logger.warn({ boardId, seq, err: error }, "appending to the board stream failed; other instances will read storage"));
  }

  /** This instance stored `seq`; see BoardFollower.noteLocalUpdate. */
  noteLocalUpdate(room: Room, seq: number): Promise<void> | undefined {
    const follower = this.followers.get(room.boardId);
    return follower?.room === room ? follower.noteLocalUpdate(seq) : undefined;
  }

  /**
   * Starts reading a freshly loaded room's stream. The stream's last id is taken BEFORE
   * storage is read again, so an update stored by another instance after our load is either
   * in that storage read or appended after that id; duplicates are skipped by seq.
   */
  follow(room: Room): void {
    if (this.closed || this.followers.get(room.boardId)?.room === room) return;
    const follower = new BoardFollower(room, {
      storage: this.options.storage,
      metrics: this.options.metrics,
      logger: this.options.logger,
      isCurrent: (candidate) => !this.closed && this.options.loadedRoom(candidate.boardId) === candidate,
    });
    this.followers.set(room.boardId, follower);
    void this.startFollowing(follower);
  }

  /** Compares every followed board with storage (the backstop for appends that never reached Redis). */
  async reconcileAll(): Promise<void> {
    this.forgetUnloaded();
    await Promise.all([...this.followers.values()].map((follower) => follower.reconcile()));
  }

  /** Stops reading; bounded, because a loop step may be waiting for an unreachable Redis. */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeLoop?.();
    this.options.reader.disconnect();
    await Promise.race([this.loop, new Promise((resolve) => setTimeout(resolve, BLOCK_MS).unref())]);
    this.followers.clear();
  }

  private async startFollowing(follower: BoardFollower): Promise<void> {
    try {
      follower.streamId = await this.lastStreamId(follower.boardId);
    } catch (error) {
      this.options.logger.warn({ boardId: follower.boardId, err: error }, "reading the board stream failed; retrying");
      return;
    }
    await follower.catchUp("load");
    this.wake();
  }

  private async lastStreamId(boardId: string): Promise<string> {
    const { commands, keys, metrics } = this.options;
    const newest = await metrics.time("redis", "xrevrange", () => commands.xrevrange(keys.updates(boardId), "+", "-", "COUNT", 1));
    return newest[0]?.[0] ?? "0-0";
  }

  private forgetUnloaded(): void {
    for (const [boardId, follower] of this.followers) {
      if (this.options.loadedRoom(boardId) !== follower.room) this.followers.delete(boardId);
    }
  }

  /** Interrupts a blocking XREAD so the next one includes newly loaded boards. */
  private wake(): void {
    this.wakeLoop?.();
    const clientId = this.readerClientId;
    if (clientId === null) return;
    this.options.commands.client("UNBLOCK", clientId).catch(() => undefined);
  }

  private async readLoop(): Promise<void> {
    const { reader, keys, logger, metrics } = this.options;
    while (!this.closed) {
      this.forgetUnloaded();
      for (const follower of this.followers.values()) if (follower.streamId === null) await this.startFollowing(follower);
      const batch = [...this.followers.values()].filter((follower) => follower.streamId !== null);
      if (batch.length === 0) {
        await new Promise<void>((resolve) => {
          this.wakeLoop = resolve;
          setTimeout(resolve, BLOCK_MS).unref();
        });
        this.wakeLoop = null;
        continue;
      }
      let result: [Buffer, [Buffer, Buffer[]][]][] | null;
      try {
        this.readerClientId ??= Number(await reader.client("ID"));
        const streamKeys = batch.map((follower) => keys.updates(follower.boardId));
        const ids = batch.map((follower) => follower.streamId ?? "0-0");
        result = (await reader.xreadBuffer("COUNT", MAX_ENTRIES_PER_READ, "BLOCK", BLOCK_MS, "STREAMS", ...streamKeys, ...ids)) as typeof result;
      } catch (error) {
        if (this.closed) return;
        metrics.dependencyErrors.inc(1, { dependency: "redis", operation: "xread" });
        logger.debug({ err: error }, "reading board streams failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, RETRY_AFTER_ERROR_MS));
        continue;
      }
      if (!result) continue;
      const byKey = new Map(batch.map((follower) => [keys.updates(follower.boardId), follower]));
      for (const [key, items] of result) {
        const follower = byKey.get(key.toString());
        if (!follower || this.followers.get(follower.boardId) !== follower) continue;
        for (const [id, fields] of items) {
          follower.streamId = id.toString();
          const entry = parseEntry(fields);
          // Our own entries are already applied and skipped by seq.
          if (entry) follower.receive(entry);
        }
      }
    }
  }
}

/** Fields come as [name, value, name, value, …]; an entry we cannot read is ignored (storage catches up). */
function parseEntry(fields: Buffer[]): StreamEntry | null {
  const values = new Map<string, Buffer>();
  for (let i = 0; i + 1 < fields.length; i += 2) values.set(fields[i]!.toString(), fields[i + 1]!);
  const seq = Number(values.get("seq")?.toString());
  const appendedAt = Number(values.get("t")?.toString());
  const from = values.get("from")?.toString();
  const update = values.get("update");
  if (!Number.isSafeInteger(seq) || seq < 1 || from === undefined || update === undefined) return null;
  return { seq, from, appendedAt: Number.isFinite(appendedAt) ? appendedAt : Date.now(), update: new Uint8Array(update) };
}
