/**
 * A websocket client that speaks just enough of the y-websocket protocol to take part in a room:
 * it answers the server's sync step 1 with an empty step 2, reports when its own step 1 has been
 * answered (synced), and hands raw update and awareness payloads to the scenario.
 */
import WebSocket from "ws";
import {
  EMPTY_UPDATE,
  SYNC_STEP_1,
  SYNC_STEP_2,
  SYNC_UPDATE,
  decodeMessage,
  encodeAwareness,
  encodeHocuspocusAuth,
  encodeSync,
  encodeSyncStep1,
  type Framing,
} from "./protocol";

export interface RoomAddress {
  url: string;
  framing: Framing;
  /** True when the server fills a new room with the board template itself (Modelmap). */
  seededByServer: boolean;
}

export interface LightClientHandlers {
  /** A relayed document update (sync type 2). `bytes` is a view into the received frame. */
  onUpdate?: (bytes: Buffer) => void;
  /** The answer to this client's sync step 1: the whole document. */
  onSyncStep2?: (bytes: Buffer) => void;
  onAwareness?: (payload: Uint8Array) => void;
}

function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export class LightClient {
  readonly socket: WebSocket;
  readonly opened: Promise<void>;
  readonly synced: Promise<void>;
  closedUnexpectedly = false;
  private closing = false;
  private markSynced!: () => void;

  constructor(
    readonly address: RoomAddress,
    private readonly handlers: LightClientHandlers = {},
  ) {
    this.synced = new Promise((resolve) => (this.markSynced = resolve));
    this.socket = new WebSocket(address.url, { perMessageDeflate: false, maxPayload: 256 * 1024 * 1024 });
    this.opened = new Promise((resolve, reject) => {
      this.socket.once("open", () => {
        if (address.framing.kind === "hocuspocus") this.socket.send(encodeHocuspocusAuth(address.framing));
        this.socket.send(encodeSyncStep1(address.framing));
        resolve();
      });
      this.socket.once("error", reject);
      this.socket.once("unexpected-response", (_request, response) =>
        reject(new Error(`upgrade refused with ${response.statusCode} for ${address.url}`)),
      );
    });
    // Callers that never await `opened` must not crash the run with an unhandled rejection.
    this.opened.catch(() => undefined);
    this.socket.on("error", () => undefined);
    this.socket.on("close", () => {
      this.closedUnexpectedly = !this.closing;
    });
    this.socket.on("message", (data: Buffer) => this.receive(data));
  }

  private receive(data: Buffer): void {
    const message = decodeMessage(this.address.framing, data);
    if (message.kind === "awareness") {
      this.handlers.onAwareness?.(message.payload);
      return;
    }
    if (message.kind !== "sync") return;
    if (message.syncType === SYNC_UPDATE) this.handlers.onUpdate?.(bufferView(message.payload));
    else if (message.syncType === SYNC_STEP_2) {
      this.handlers.onSyncStep2?.(bufferView(message.payload));
      this.markSynced();
    } else if (message.syncType === SYNC_STEP_1) {
      this.send(encodeSync(this.address.framing, SYNC_STEP_2, EMPTY_UPDATE));
    }
  }

  private send(bytes: Uint8Array): void {
    if (this.socket.readyState === WebSocket.OPEN) this.socket.send(bytes);
  }

  sendUpdate(update: Uint8Array): void {
    this.send(encodeSync(this.address.framing, SYNC_UPDATE, update));
  }

  sendAwareness(awarenessUpdate: Uint8Array): void {
    this.send(encodeAwareness(this.address.framing, awarenessUpdate));
  }

  close(): void {
    this.closing = true;
    this.socket.terminate();
  }
}

/** Opens clients `concurrency` at a time (a thousand simultaneous handshakes measure the kernel). */
export async function openClients<T>(count: number, concurrency: number, open: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < count) {
      const index = next++;
      results[index] = await open(index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return results;
}
