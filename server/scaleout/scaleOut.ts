import { randomBytes } from "node:crypto";
import { Redis, type RedisOptions } from "ioredis";
import type { Logger } from "pino";
import type { RoomRegistryOptions } from "../collab/registry";
import type { Room, RoomHooks } from "../collab/room";
import type { ServerMetrics } from "../metrics";
import type { Dependency } from "../ops";
import type { Role, Storage } from "../storage/types";
import { loggableRedisUrl, parseRedisLocation, RedisKeys } from "./keys";
import { ScaleOutMetrics } from "./metrics";
import { PresenceRelay } from "./presenceRelay";
import { ScaleOutRoomRegistry, type RoomEvents } from "./registry";
import { UpdateStreams } from "./updateStreams";

/** How often every followed board is compared with storage while Redis is fine, and while it is not. */
const RECONCILE_EVERY_MS = 5000;
const RECONCILE_WHILE_REDIS_DOWN_MS = 1000;
const PROBE_EVERY_MS = 5000;
const QUIT_TIMEOUT_MS = 1000;

export interface ScaleOutOptions {
  redisUrl: string;
  storage: Storage;
  metrics: ServerMetrics;
  logger: Logger;
}

/**
 * Several instances share rooms through Redis (DESIGN.md "Scale-out"): document updates travel
 * through one stream per board (ordered, replayable, backed by storage when trimmed), presence
 * and token rotations through pub/sub. Plugs into the core through RoomHooks and the registry.
 */
export class RedisScaleOut implements RoomEvents {
  /** Tells this instance's own stream entries and messages apart from other instances'. */
  readonly instanceId = randomBytes(8).toString("hex");
  readonly metrics: ScaleOutMetrics;
  private readonly connections: { commands: Redis; reader: Redis; subscriber: Redis };
  private readonly streams: UpdateStreams;
  private readonly presence: PresenceRelay;
  private readonly logger: Logger;
  private registry: ScaleOutRoomRegistry | null = null;
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: ScaleOutOptions) {
    const location = parseRedisLocation(options.redisUrl);
    const keys = new RedisKeys(location.prefix);
    this.logger = options.logger.child({ component: "scaleout", instance: this.instanceId });
    this.connections = {
      // Appends made while Redis is away wait in the client's queue and go out in order on reconnect.
      commands: this.connect(location.url, "commands", { maxRetriesPerRequest: 20 }),
      reader: this.connect(location.url, "reader", { maxRetriesPerRequest: null }),
      subscriber: this.connect(location.url, "subscriber", {}),
    };
    this.metrics = new ScaleOutMetrics(() => this.streams.followedCount);
    this.metrics.registerOn(options.metrics);
    const loadedRoom = (boardId: string) => this.registry?.loaded(boardId);
    this.streams = new UpdateStreams({
      commands: this.connections.commands,
      reader: this.connections.reader,
      keys,
      instanceId: this.instanceId,
      storage: options.storage,
      metrics: this.metrics,
      logger: this.logger,
      loadedRoom,
    });
    this.presence = new PresenceRelay({
      commands: this.connections.commands,
      subscriber: this.connections.subscriber,
      keys,
      instanceId: this.instanceId,
      metrics: this.metrics,
      logger: this.logger,
      loadedRoom,
      closeLocalConnectionsOfRole: (boardId, role) => this.registry?.closeLocalConnectionsOfRole(boardId, role),
    });
    this.logger.info({ redis: loggableRedisUrl(location.url), prefix: location.prefix }, "sharing rooms through Redis");
  }

  /**
   * Appends every stored update to its board stream and forwards local presence. Runs before
   * hooks installed earlier (history), so other instances hear of an update as soon as possible.
   */
  installHooks(hooks: RoomHooks): void {
    const previousAfterStore = hooks.afterStore;
    hooks.afterStore = async (event) => {
      this.streams.append(event.room.boardId, event.seq, event.update);
      await this.streams.noteLocalUpdate(event.room, event.seq);
      await previousAfterStore?.(event);
    };
    const previousAfterAwareness = hooks.afterAwareness;
    hooks.afterAwareness = (room, entries) => {
      previousAfterAwareness?.(room, entries);
      this.presence.publishLocalPresence(room, entries);
    };
  }

  /** The registry to use: it reports the rooms it hands out, so their streams are followed. */
  createRegistry(options: RoomRegistryOptions): ScaleOutRoomRegistry {
    this.registry = new ScaleOutRoomRegistry(options, this);
    return this.registry;
  }

  /** Starts reading; never waits for Redis (an instance may start while Redis is away). */
  start(): void {
    this.presence.start().catch((error: unknown) => this.logger.warn({ err: error }, "subscribing to control messages failed"));
    this.streams.start();
    this.every(PROBE_EVERY_MS, () => this.probe());
    this.scheduleReconcile();
  }

  /** /readyz: Redis answers on every connection this instance needs. */
  readonly readiness: Dependency = {
    name: "redis",
    check: () =>
      this.metrics.time("redis", "ping", async () => {
        for (const [role, connection] of Object.entries(this.connections)) {
          if (connection.status !== "ready") throw new Error(`redis ${role} connection is ${connection.status}`);
        }
        await this.connections.commands.ping();
      }),
  };

  roomInUse(room: Room): void {
    this.streams.follow(room);
    this.presence.follow(room);
  }

  rolesClosed(boardId: string, role: Role): void {
    this.presence.announceRotation(boardId, role);
  }

  /** After the rooms are flushed: sends what is queued for Redis (bounded wait), then disconnects. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    await this.streams.close();
    this.connections.subscriber.disconnect();
    const { commands } = this.connections;
    const quit = commands.status === "ready" ? commands.quit().then(() => undefined) : Promise.resolve();
    await Promise.race([quit.catch(() => undefined), new Promise((resolve) => setTimeout(resolve, QUIT_TIMEOUT_MS).unref())]);
    commands.disconnect();
  }

  private get redisReady(): boolean {
    return Object.values(this.connections).every((connection) => connection.status === "ready");
  }

  private scheduleReconcile(): void {
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        this.presence.forgetUnloaded();
        this.streams
          .reconcileAll()
          .catch((error: unknown) => this.logger.warn({ err: error }, "comparing boards with storage failed"))
          .finally(() => {
            if (!this.closed) this.scheduleReconcile();
          });
      },
      this.redisReady ? RECONCILE_EVERY_MS : RECONCILE_WHILE_REDIS_DOWN_MS,
    );
    timer.unref();
    this.timers.add(timer);
  }

  private every(ms: number, task: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void task().finally(() => {
        if (!this.closed) this.every(ms, task);
      });
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** Keeps modelmap_dependency_up and the latency histograms current even when nothing happens. */
  private async probe(): Promise<void> {
    const probes: [dependency: "redis" | "storage", check: () => Promise<unknown>][] = [
      ["storage", () => this.metrics.time("storage", "ping", () => this.options.storage.ping())],
      ["redis", () => this.readiness.check()],
    ];
    await Promise.all(
      probes.map(async ([dependency, check]) => {
        try {
          await check();
          this.metrics.dependencyUp.set(1, { dependency });
        } catch {
          this.metrics.dependencyUp.set(0, { dependency });
        }
      }),
    );
  }

  private connect(url: string, role: string, options: RedisOptions): Redis {
    const connection = new Redis(url, {
      connectionName: `modelmap-${role}-${this.instanceId}`,
      retryStrategy: (attempt) => Math.min(50 * 2 ** attempt, 500),
      ...options,
    });
    let down = false;
    connection.on("error", (error: Error) => {
      if (!down) this.logger.warn({ role, err: error }, "redis connection failed; retrying");
      down = true;
    });
    connection.on("ready", () => {
      if (down) this.logger.info({ role }, "redis connection restored");
      down = false;
    });
    return connection;
  }
}
