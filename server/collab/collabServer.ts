import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { Logger } from "pino";
import { WebSocketServer, type RawData, type WebSocket } from "ws";
import type { BoardAccess } from "../http/access";
import type { ServerMetrics } from "../metrics";
import { CloseCode } from "./closeCodes";
import { Connection, type SlowReaderPolicy } from "./connection";
import { decodeClientMessage, ProtocolError, type ClientMessage } from "./protocol";
import type { Room } from "./room";
import type { RoomRegistry } from "./registry";

export const COLLAB_PREFIX = "/collab/";

export interface CollabServerOptions {
  registry: RoomRegistry;
  access: BoardAccess;
  metrics: ServerMetrics;
  logger: Logger;
  maxMessageBytes: number;
  /** Decides whether a browser Origin may open a socket (null: no Origin header sent). */
  originAllowed: (origin: string | null, host: string | null) => boolean;
  /**
   * Bytes the server may hold for one socket that does not read before it cuts it (default:
   * two of the largest messages, so one large relay never counts as a stalled reader).
   */
  maxBufferedBytes?: number;
  /** Flood limits per connection and second. */
  floodLimits?: { messagesPerSecond: number; bytesPerSecond: number };
}

const HEARTBEAT_MS = 30_000;

/** The y-websocket endpoint: authentication at upgrade, then one Connection per socket. */
export class CollabServer {
  private readonly wss: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly alive = new WeakMap<WebSocket, boolean>();
  private accepting = true;
  private readonly slowReader: SlowReaderPolicy;

  constructor(private readonly options: CollabServerOptions) {
    this.slowReader = {
      maxBufferedBytes: options.maxBufferedBytes ?? 2 * options.maxMessageBytes,
      onDrop: (connection, bufferedBytes) => {
        options.metrics.connectionsClosed.inc(1, { reason: "slow-reader" });
        options.logger.warn({ boardId: connection.boardId, connection: connection.id, bufferedBytes }, "cut a connection that stopped reading");
      },
    };
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes, perMessageDeflate: false });
    this.heartbeat = setInterval(() => this.checkHeartbeats(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  static handles(url: string | undefined): boolean {
    return (url ?? "").startsWith(COLLAB_PREFIX);
  }

  stopAccepting(): void {
    this.accepting = false;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const socket of this.wss.clients) socket.terminate();
    this.wss.close();
  }

  /** Handles an HTTP upgrade on /collab/:boardId. Refusals are plain HTTP answers. */
  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on("error", () => socket.destroy());
    if (!this.accepting) return refuse(socket, 503, "server shutting down");
    const url = new URL(request.url ?? "/", "http://placeholder");
    const boardId = decodeURIComponent(url.pathname.slice(COLLAB_PREFIX.length)).replace(/\/+$/, "");
    const origin = headerValue(request.headers.origin);
    if (!this.options.originAllowed(origin, headerValue(request.headers.host))) {
      return refuse(socket, 403, "origin not allowed");
    }
    let grant;
    try {
      grant = await this.options.access.authorize(boardId, request.headers.authorization, url);
    } catch (error) {
      this.options.logger.error({ err: error }, "authorising a websocket failed");
      return refuse(socket, 503, "storage unavailable");
    }
    if (!grant.ok) return refuse(socket, grant.status, grant.message);
    this.wss.handleUpgrade(request, socket, head, (ws) => {
      const connection = new Connection(ws, boardId, grant.role, this.slowReader);
      void this.serve(connection);
    });
  }

  /**
   * Runs one accepted connection: load the room, attach, then the message loop. Public so the
   * reliability battery can drive the real core with in-memory sockets it controls.
   */
  async serve(connection: Connection): Promise<void> {
    const { socket } = connection;
    const { registry, logger, metrics } = this.options;
    const limits = this.options.floodLimits ?? { messagesPerSecond: 600, bytesPerSecond: 4 * this.options.maxMessageBytes };
    this.alive.set(socket, true);
    socket.on("pong", () => this.alive.set(socket, true));
    // S1: frames that arrive while the board loads wait for it, in order.
    const early: Uint8Array[] = [];
    let room: Room | null = null;
    let chain: Promise<void> = Promise.resolve();
    const handleFrame = (frame: Uint8Array) => {
      if (!room || connection.closed) return;
      const target = room;
      chain = chain.then(() => this.handleMessage(target, connection, frame)).catch((error) => this.onMessageError(connection, error));
    };
    socket.on("message", (data: RawData, isBinary: boolean) => {
      const frame = toUint8Array(data);
      if (!connection.admitFrame(frame.byteLength, limits)) {
        metrics.connectionsClosed.inc(1, { reason: "flooding" });
        connection.close(CloseCode.Flooding, "too many messages");
        return;
      }
      if (!isBinary && frame.byteLength === 0) return;
      if (room) handleFrame(frame);
      else early.push(frame);
    });
    socket.on("close", () => {
      connection.closed = true;
      if (room) registry.detach(room, connection);
    });
    socket.on("error", (error) => logger.debug({ err: error, connection: connection.id }, "socket error"));

    try {
      room = await registry.get(connection.boardId);
    } catch (error) {
      logger.error({ boardId: connection.boardId, err: error }, "loading a board failed");
      metrics.connectionsClosed.inc(1, { reason: "load-failure" });
      connection.close(CloseCode.LoadFailure, "board could not be loaded");
      return;
    }
    if (connection.closed) return;
    registry.attach(room, connection);
    connection.send(room.syncStep1Frame());
    const presence = room.awarenessSnapshotFrame();
    if (presence) connection.send(presence);
    for (const frame of early.splice(0)) handleFrame(frame);
  }

  private async handleMessage(room: Room, connection: Connection, frame: Uint8Array): Promise<void> {
    const message: ClientMessage = decodeClientMessage(frame);
    switch (message.type) {
      case "sync-step-1":
        connection.send(await room.syncStep2Frame(message.stateVector));
        return;
      case "sync-update":
        // Not awaited: storing and relaying proceed in the background (S4, S5).
        void room.receiveUpdate(connection, message.update);
        return;
      case "awareness":
        room.receiveAwareness(connection, message.entries);
        return;
      case "query-awareness": {
        const presence = room.awarenessSnapshotFrame();
        if (presence) connection.send(presence);
        return;
      }
      case "auth":
        return;
    }
  }

  private onMessageError(connection: Connection, error: unknown): void {
    if (error instanceof ProtocolError) {
      this.options.metrics.connectionsClosed.inc(1, { reason: "malformed" });
      this.options.logger.debug({ connection: connection.id, err: error }, "malformed message");
      connection.close(CloseCode.MalformedMessage, "malformed message");
      return;
    }
    this.options.logger.error({ connection: connection.id, err: error }, "handling a message failed");
    connection.close(CloseCode.StorageFailure, "server error");
  }

  private checkHeartbeats(): void {
    for (const socket of this.wss.clients) {
      if (this.alive.get(socket) === false) {
        socket.terminate();
        continue;
      }
      this.alive.set(socket, false);
      socket.ping();
    }
  }
}

function toUint8Array(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

const STATUS_TEXT: Record<number, string> = { 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 400: "Bad Request", 503: "Service Unavailable" };

function refuse(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ error: { code: `http_${status}`, message } });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? "Error"}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
