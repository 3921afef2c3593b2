import type { Logger } from "pino";
import type { ServerMetrics } from "../metrics";
import type { Role, Storage } from "../storage/types";
import { CloseCode } from "./closeCodes";
import type { Connection } from "./connection";
import type { GroupCommitter } from "./groupCommit";
import { Room, type RoomHooks } from "./room";

export interface RoomRegistryOptions {
  storage: Storage;
  committer: GroupCommitter;
  metrics: ServerMetrics;
  logger: Logger;
  hooks?: RoomHooks;
  /** How long a room with no connections stays loaded before it is flushed and unloaded. */
  idleUnloadMs?: number;
  /** See RoomDependencies.unsafeRelayBeforeStoreMs: tests' negative control only. */
  unsafeRelayBeforeStoreMs?: number;
  /** How long a room's document stays decoded without use (default DORMANT_AFTER_MS). */
  dormantAfterMs?: number;
}

/**
 * The loaded boards of this process. S1: one load promise per board, so concurrent joiners
 * share it; a failed load is forgotten (never cached as an empty room) and retried next time.
 */
export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloading = new Map<string, Promise<void>>();
  private readonly idleTimers = new Map<string, NodeJS.Timeout>();
  readonly hooks: RoomHooks;

  constructor(private readonly options: RoomRegistryOptions) {
    this.hooks = options.hooks ?? {};
  }

  get size(): number {
    return this.rooms.size;
  }

  loaded(boardId: string): Room | undefined {
    return this.rooms.get(boardId);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** The loaded room, loading it from storage first when needed. */
  async get(boardId: string): Promise<Room> {
    const existing = this.rooms.get(boardId);
    if (existing && !existing.broken) return existing;
    const inProgress = this.loading.get(boardId);
    if (inProgress) return inProgress;
    const load = this.load(boardId).finally(() => this.loading.delete(boardId));
    this.loading.set(boardId, load);
    return load;
  }

  attach(room: Room, connection: Connection): void {
    this.cancelIdle(room.boardId);
    room.addConnection(connection);
    this.options.metrics.connections.inc();
  }

  detach(room: Room, connection: Connection): void {
    if (!room.connections.has(connection)) return;
    room.removeConnection(connection);
    this.options.metrics.connections.dec();
    if (room.connections.size === 0) this.scheduleIdle(room);
  }

  /** S12: closes the connections of one board and role (token rotation). */
  closeConnectionsOfRole(boardId: string, role: Role): number {
    const room = this.rooms.get(boardId);
    if (!room) return 0;
    const victims = [...room.connections].filter((c) => c.role === role);
    for (const connection of victims) {
      connection.close(CloseCode.TokenRevoked, "token rotated");
      this.detach(room, connection);
    }
    return victims.length;
  }

  /** Flushes, checkpoints and unloads every room (shutdown). */
  async closeAll(): Promise<void> {
    for (const timer of this.idleTimers.values()) clearTimeout(timer);
    this.idleTimers.clear();
    await Promise.allSettled([...this.loading.values()]);
    await Promise.all([...this.rooms.values()].map((room) => this.unload(room, true)));
    await Promise.allSettled([...this.unloading.values()]);
  }

  private async load(boardId: string): Promise<Room> {
    const pendingUnload = this.unloading.get(boardId);
    if (pendingUnload) await pendingUnload;
    const broken = this.rooms.get(boardId);
    if (broken) {
      this.rooms.delete(boardId);
      broken.destroy();
      this.options.metrics.roomsLoaded.set(this.rooms.size);
    }
    const { storage } = this.options;
    const checkpoint = await storage.latestCheckpoint(boardId);
    const fromSeq = checkpoint?.seq ?? 0;
    const updates = await storage.readUpdates(boardId, fromSeq);
    const room = new Room(
      boardId,
      { ...this.options, hooks: this.hooks },
      {
        state: checkpoint?.state ?? null,
        updates: updates.map((u) => u.data),
        storedSeq: updates.at(-1)?.seq ?? fromSeq,
        updatesSinceCheckpoint: updates.length,
      },
    );
    this.rooms.set(boardId, room);
    this.options.metrics.roomsLoaded.set(this.rooms.size);
    this.scheduleIdle(room);
    return room;
  }

  private scheduleIdle(room: Room): void {
    this.cancelIdle(room.boardId);
    const timer = setTimeout(() => {
      this.idleTimers.delete(room.boardId);
      if (room.connections.size === 0) {
        this.unload(room, false).catch((error) =>
          this.options.logger.error({ boardId: room.boardId, err: error }, "unloading a room failed"),
        );
      }
    }, this.options.idleUnloadMs ?? 10_000);
    timer.unref();
    this.idleTimers.set(room.boardId, timer);
  }

  private cancelIdle(boardId: string): void {
    const timer = this.idleTimers.get(boardId);
    if (timer) clearTimeout(timer);
    this.idleTimers.delete(boardId);
  }

  /** S11: a room is unloaded only once everything it applied is stored. */
  private unload(room: Room, force: boolean): Promise<void> {
    const existing = this.unloading.get(room.boardId);
    if (existing) return existing;
    const work = (async () => {
      await room.whenFlushed();
      await room.checkpoint();
      if (!force && room.connections.size > 0) return;
      room.closeAll(CloseCode.ServerRestart, "server shutting down");
      if (this.rooms.get(room.boardId) === room) this.rooms.delete(room.boardId);
      room.destroy();
      this.options.metrics.roomsLoaded.set(this.rooms.size);
    })().finally(() => this.unloading.delete(room.boardId));
    this.unloading.set(room.boardId, work);
    return work;
  }
}
