import type { WebSocket } from "ws";
import type { Role } from "../storage/types";
import type { CloseCodeValue } from "./closeCodes";

let nextConnectionNumber = 1;
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

  constructor(
    readonly socket: WebSocket,
    readonly boardId: string,
    readonly role: Role,
  ) {}

  get canEdit(): boolean {
    return this.role === "edit";
  }

  send(frame: Uint8Array): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(frame, BINARY);
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
