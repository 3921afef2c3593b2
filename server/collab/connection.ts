import { Socket } from "node:net";
import type { WebSocket } from "ws";
import type { Role } from "../storage/types";
import type { CloseCodeValue } from "./closeCodes";
import type { BroadcastFrame } from "./websocketFrame";

let nextConnectionNumber = 1;

/** When a connection counts as not reading, and what to tell when it is cut (see dropIfBacklogged). */
export interface SlowReaderPolicy {
  maxBufferedBytes: number;
  onDrop: (connection: Connection, bufferedBytes: number) => void;
}
/** Shared by every send (a room's broadcast sends the same frame to every socket). */
const BINARY = { binary: true } as const;

/**
 * One websocket of one client on one board. Holds what the server knows about that client:
 * its role (rotation closes every connection of the rotated role) and the presence ids it owns.
 */
export class Connection {
  readonly id = `c${nextConnectionNumber++}`;
  /** Awareness client ids this socket has announced; cleared for the others when it drops. */
  readonly clientIds = new Set<number>();
  /** The `user.name` from this client's awareness; the author of its updates. */
  userName = "anonymous";
  closed = false;
  private windowStart = Date.now();
  private messagesInWindow = 0;
  private bytesInWindow = 0;
  /**
   * The TCP socket under the websocket, when prebuilt frames may be written to it directly:
   * no extension was negotiated (a permessage-deflate socket needs ws to compress and would
   * queue frames ws-side, out of order with direct writes). Without extensions ws writes every
   * frame of its own synchronously to this same socket, so the two kinds of writes keep the
   * order in which they were made. Null for anything else (the tests' in-memory sockets).
   */
  private readonly rawSocket: Socket | null;

  constructor(
    readonly socket: WebSocket,
    readonly boardId: string,
    readonly role: Role,
    private readonly slowReader: SlowReaderPolicy = { maxBufferedBytes: Number.POSITIVE_INFINITY, onDrop: () => {} },
  ) {
    // `_socket` is ws 8's (undocumented) field for the socket it writes to.
    const underlying = (socket as unknown as { _socket?: unknown })._socket;
    this.rawSocket = underlying instanceof Socket && socket.extensions === "" ? underlying : null;
  }

  get canEdit(): boolean {
    return this.role === "edit";
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame, BINARY);
    this.dropIfBacklogged();
  }

  /** Sends a message framed once for many sockets (see websocketFrame.ts). */
  sendFramed(frame: BroadcastFrame): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.rawSocket) this.rawSocket.write(frame.framed);
    else this.socket.send(frame.message, BINARY);
    this.dropIfBacklogged();
  }

  /** Sends several messages framed once for many sockets, in one write when it can. */
  sendFramedBatch(frames: readonly BroadcastFrame[], joined: Buffer): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    if (this.rawSocket) this.rawSocket.write(joined);
    else for (const frame of frames) this.socket.send(frame.message, BINARY);
    this.dropIfBacklogged();
  }

  /**
   * A client that stops reading (a frozen tab, a dead network that TCP has not noticed yet)
   * would make the server buffer every relay for it without end. Past the limit the socket is
   * cut at once: a close frame would only queue behind the backlog. Nothing is lost: the
   * updates are stored, and the client's reconnect resyncs it like any other.
   */
  private dropIfBacklogged(): void {
    const buffered = this.rawSocket ? this.rawSocket.writableLength : this.socket.bufferedAmount;
    // (A socket that keeps no count, such as the tests' in-memory ones, never counts as behind.)
    if (!(buffered > this.slowReader.maxBufferedBytes)) return;
    this.closed = true;
    this.socket.terminate();
    this.slowReader.onDrop(this, buffered);
  }

  close(code: CloseCodeValue, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.socket.close(code, reason);
    } catch {
      this.socket.terminate();
    }
    // A peer that never answers the close handshake must not keep the socket alive.
    setTimeout(() => this.socket.terminate(), 2000).unref();
  }

  /**
   * Counts one incoming frame against the flood limits (per one-second window).
   * Returns false when the client exceeded them.
   */
  admitFrame(bytes: number, limits: { messagesPerSecond: number; bytesPerSecond: number }): boolean {
    const now = Date.now();
    if (now - this.windowStart >= 1000) {
      this.windowStart = now;
      this.messagesInWindow = 0;
      this.bytesInWindow = 0;
    }
    this.messagesInWindow += 1;
    this.bytesInWindow += bytes;
    return this.messagesInWindow <= limits.messagesPerSecond && this.bytesInWindow <= limits.bytesPerSecond;
  }
}
