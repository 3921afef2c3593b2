import { EventEmitter } from "node:events";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { WebSocket } from "ws";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";
import { createBoard } from "../../server/boards";
import { CollabServer } from "../../server/collab/collabServer";
import { Connection } from "../../server/collab/connection";
import { GroupCommitter } from "../../server/collab/groupCommit";
import { encodeAwareness, encodeSyncStep1, encodeSyncUpdate, MessageType } from "../../server/collab/protocol";
import { RoomRegistry } from "../../server/collab/registry";
import { BoardAccess } from "../../server/http/access";
import { createLogger } from "../../server/logger";
import { ServerMetrics } from "../../server/metrics";
import type { Role, Storage } from "../../server/storage/types";

/*
 * The real collaboration core (CollabServer message loop, Connection, RoomRegistry, Room,
 * GroupCommitter, real storage) driven through in-memory sockets, so a test decides when each
 * frame is delivered, in which order, whether it is duplicated and when a link drops.
 */

const OPEN = 1;
const CLOSED = 3;

/** The part of ws's WebSocket that Connection and CollabServer use, backed by two queues. */
export class MemorySocket extends EventEmitter {
  readonly OPEN = OPEN;
  readyState = OPEN;
  closeCode: number | null = null;
  /** Everything sent is handed over at once (the queues are the harness's network, not a backlog). */
  readonly bufferedAmount = 0;

  constructor(private readonly link: MemoryLink) {
    super();
  }

  send(frame: Uint8Array): void {
    if (this.readyState !== OPEN) return;
    this.link.toClient.push(Uint8Array.from(frame));
  }

  close(code = 1000): void {
    if (this.readyState === CLOSED) return;
    this.readyState = CLOSED;
    this.closeCode = code;
    this.link.cut();
    this.emit("close", code, Buffer.alloc(0));
  }

  terminate(): void {
    this.close(1006);
  }

  ping(): void {}
}

/** One client's link to the server: frames waiting in each direction. */
export class MemoryLink {
  readonly toServer: Uint8Array[] = [];
  readonly toClient: Uint8Array[] = [];
  readonly socket = new MemorySocket(this);
  open = true;

  /** Drops whatever is in flight, as a broken TCP connection does. */
  cut(): void {
    this.open = false;
    this.toServer.length = 0;
    this.toClient.length = 0;
  }

  /** Hands the frame at `index` to the server; `keep` leaves it queued (a duplicate). */
  deliverToServer(index: number, keep = false): void {
    const frame = keep ? this.toServer[index] : this.toServer.splice(index, 1)[0];
    if (frame && this.open) this.socket.emit("message", Buffer.from(frame), true);
  }
}

export interface Core {
  storage: Storage;
  registry: RoomRegistry;
  collab: CollabServer;
  /** Opens an in-memory connection to a board, served by the real message loop. */
  connect(boardId: string, role: Role): MemoryLink;
  newBoard(title: string): Promise<string>;
  /** A second registry on the same storage: the board as a fresh process would load it. */
  coldLoad(boardId: string): Promise<Y.Doc>;
  close(): Promise<void>;
}

export function startCore(storage: Storage, options: { floodLimits?: { messagesPerSecond: number; bytesPerSecond: number } } = {}): Core {
  const logger = createLogger("silent");
  const registryOf = () => new RoomRegistry({ storage, committer: new GroupCommitter(storage), metrics: new ServerMetrics(), logger, idleUnloadMs: 50 });
  const registry = registryOf();
  const collab = new CollabServer({
    registry,
    access: new BoardAccess(storage),
    metrics: new ServerMetrics(),
    logger,
    maxMessageBytes: 8 * 1024 * 1024,
    originAllowed: () => true,
    floodLimits: options.floodLimits,
  });
  return {
    storage,
    registry,
    collab,
    connect(boardId, role) {
      const link = new MemoryLink();
      void collab.serve(new Connection(link.socket as unknown as WebSocket, boardId, role));
      return link;
    },
    async newBoard(title) {
      return (await createBoard(storage, "http://fuzz.invalid", { title, source: "template" })).id;
    },
    async coldLoad(boardId) {
      const cold = registryOf();
      const room = await cold.get(boardId);
      const doc = new Y.Doc();
      Y.applyUpdate(doc, Y.encodeStateAsUpdate(room.doc));
      await cold.closeAll();
      return doc;
    },
    async close() {
      await registry.closeAll();
      collab.close();
    },
  };
}

/**
 * A minimal y-websocket client over a MemoryLink: sync step 1 on open, answers the server's
 * step 1, sends its own updates while connected (like the stock client, not while offline).
 */
export class MemoryClient {
  link: MemoryLink | null = null;
  readonly doc: Y.Doc;

  constructor(
    private readonly core: Core,
    private readonly boardId: string,
    clientId: number,
    readonly name: string,
    private readonly role: Role = "edit",
  ) {
    this.doc = new Y.Doc();
    this.doc.clientID = clientId;
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin !== this && this.link?.open) this.link.toServer.push(encodeSyncUpdate(update));
    });
  }

  get connected(): boolean {
    return this.link?.open ?? false;
  }

  connect(): void {
    this.link = this.core.connect(this.boardId, this.role);
    this.link.toServer.push(encodeSyncStep1(Y.encodeStateVector(this.doc)));
    const state = JSON.stringify({ user: { name: this.name, color: "#2563eb" } });
    this.link.toServer.push(encodeAwareness([{ clientId: this.doc.clientID, clock: 1, stateJson: state }]));
  }

  disconnect(): void {
    this.link?.socket.close(1006);
  }

  /** Applies the server frame at `index`; `keep` leaves it queued (a duplicate). */
  deliverToClient(index: number, keep = false): void {
    const link = this.link;
    if (!link) return;
    const frame = keep ? link.toClient[index] : link.toClient.splice(index, 1)[0];
    if (!frame) return;
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MessageType.Sync) return;
    const reply = encoding.createEncoder();
    encoding.writeVarUint(reply, MessageType.Sync);
    syncProtocol.readSyncMessage(decoder, reply, this.doc, this);
    if (encoding.length(reply) > 1 && link.open) link.toServer.push(encoding.toUint8Array(reply));
  }
}

export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A small seeded generator (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How much bigger than the CI default to run (RELIABILITY_SCALE=10 gives the DESIGN figures). */
export const RELIABILITY_SCALE = Math.max(0.1, Number(process.env.RELIABILITY_SCALE ?? "1") || 1);

export function scaled(base: number, atMost = Number.POSITIVE_INFINITY): number {
  return Math.max(1, Math.min(atMost, Math.round(base * RELIABILITY_SCALE)));
}

/**
 * A test's time limit grown with RELIABILITY_SCALE (never shrunk): the CI-sized limits do not
 * hold a full-scale run on a shared 2-core machine. At the default scale it is `ciMs` unchanged.
 */
export function scaledTimeout(ciMs: number): number {
  return Math.round(ciMs * Math.max(1, RELIABILITY_SCALE));
}

/**
 * A temporary directory on tmpfs when the machine has one: suites that test logic rather than
 * the disk (the fuzz) should not spend their budget on fsync. Crash tests use tempDir().
 */
export function memoryTempDir(prefix: string): { dir: string; remove: () => void } {
  const base = existsSync("/dev/shm") ? "/dev/shm" : tmpdir();
  const dir = mkdtempSync(path.join(base, prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
