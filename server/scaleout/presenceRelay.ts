import type { Redis } from "ioredis";
import type { Logger } from "pino";
import { z } from "zod";
import type { AwarenessEntry } from "../collab/protocol";
import type { Room } from "../collab/room";
import type { Role } from "../storage/types";
import type { RedisKeys } from "./keys";
import type { ScaleOutMetrics } from "./metrics";

const MAX_ENTRIES_PER_MESSAGE = 256;

const AwarenessEntrySchema = z.object({
  clientId: z.number().int().nonnegative(),
  clock: z.number().int().nonnegative(),
  stateJson: z.string().max(64 * 1024),
});

const PresenceMessage = z.discriminatedUnion("kind", [
  /** Presence changes of one instance's own connections (a state of "null" removes a client). */
  z.object({ kind: z.literal("states"), from: z.string(), entries: z.array(AwarenessEntrySchema).max(MAX_ENTRIES_PER_MESSAGE) }),
  /** An instance that just loaded the board asks the others for the presence they hold. */
  z.object({ kind: z.literal("query"), from: z.string() }),
]);

const ControlMessage = z.object({
  kind: z.literal("rotate"),
  from: z.string(),
  boardId: z.string().min(1).max(200),
  role: z.enum(["edit", "view"]),
});

export interface PresenceRelayOptions {
  /** Publishes. */
  commands: Redis;
  /** Subscriber-mode connection (ioredis resubscribes by itself after a reconnect). */
  subscriber: Redis;
  keys: RedisKeys;
  instanceId: string;
  metrics: ScaleOutMetrics;
  logger: Logger;
  loadedRoom: (boardId: string) => Room | undefined;
  /** Closes this instance's connections of a role after another instance rotated its token. */
  closeLocalConnectionsOfRole: (boardId: string, role: Role) => void;
}

/**
 * Presence and control messages between instances over Redis pub/sub. Presence is ephemeral,
 * so losing a message during an outage is harmless: clients renew their state every 15 s.
 */
export class PresenceRelay {
  private readonly subscribedBoards = new Set<string>();

  constructor(private readonly options: PresenceRelayOptions) {
    options.subscriber.on("message", (channel: string, message: string) => this.onMessage(channel, message));
  }

  async start(): Promise<void> {
    await this.options.subscriber.subscribe(this.options.keys.control());
  }

  /** Subscribes to a freshly loaded board's presence and asks the other instances for theirs. */
  follow(room: Room): void {
    const { boardId } = room;
    if (this.subscribedBoards.has(boardId)) return;
    this.subscribedBoards.add(boardId);
    const channel = this.options.keys.presence(boardId);
    this.options.subscriber
      .subscribe(channel)
      .then(() => this.publish(channel, { kind: "query", from: this.options.instanceId }))
      .catch((error: unknown) => this.options.logger.warn({ boardId, err: error }, "subscribing to board presence failed"));
  }

  /** Stops listening to boards this process no longer holds. */
  forgetUnloaded(): void {
    for (const boardId of this.subscribedBoards) {
      if (this.options.loadedRoom(boardId)) continue;
      this.subscribedBoards.delete(boardId);
      this.options.subscriber.unsubscribe(this.options.keys.presence(boardId)).catch(() => undefined);
    }
  }

  /**
   * RoomHooks.afterAwareness: forwards what this instance's own connections changed. The
   * entries were validated when they arrived; they are not decoded or parsed again here.
   */
  publishLocalPresence(room: Room, entries: readonly AwarenessEntry[]): void {
    for (let start = 0; start < entries.length; start += MAX_ENTRIES_PER_MESSAGE) {
      const chunk = entries.slice(start, start + MAX_ENTRIES_PER_MESSAGE);
      this.publish(this.options.keys.presence(room.boardId), { kind: "states", from: this.options.instanceId, entries: chunk });
    }
  }

  announceRotation(boardId: string, role: Role): void {
    this.publish(this.options.keys.control(), { kind: "rotate", from: this.options.instanceId, boardId, role });
  }

  private publish(channel: string, message: object): void {
    const { commands, metrics, logger } = this.options;
    metrics.presenceMessages.inc(1, { direction: "out" });
    metrics
      .time("redis", "publish", () => commands.publish(channel, JSON.stringify(message)))
      .catch((error: unknown) => logger.debug({ channel, err: error }, "publishing to other instances failed"));
  }

  private onMessage(channel: string, text: string): void {
    const { keys, instanceId, metrics, logger } = this.options;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      logger.warn({ channel }, "ignoring an undecodable message from another instance");
      return;
    }
    if (channel === keys.control()) {
      const control = ControlMessage.safeParse(json);
      if (control.success && control.data.from !== instanceId) {
        this.options.closeLocalConnectionsOfRole(control.data.boardId, control.data.role);
      }
      return;
    }
    const boardId = keys.boardOfPresenceChannel(channel);
    const presence = PresenceMessage.safeParse(json);
    if (boardId === null || !presence.success || presence.data.from === instanceId) return;
    const room = this.options.loadedRoom(boardId);
    if (!room) return;
    metrics.presenceMessages.inc(1, { direction: "in" });
    if (presence.data.kind === "states") {
      room.receiveRemoteAwareness(presence.data.entries);
      return;
    }
    const snapshot = room.awarenessSnapshot();
    if (snapshot.length > 0) this.publishLocalPresence(room, snapshot);
  }
}
