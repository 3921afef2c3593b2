import * as Y from "yjs";
import type { Logger } from "pino";
import type { ServerMetrics } from "../metrics";
import type { Storage } from "../storage/types";
import { CloseCode } from "./closeCodes";
import type { Connection } from "./connection";
import type { GroupCommitter } from "./groupCommit";
import {
  assertValidUpdate,
  type AwarenessEntry,
  type ClientAwarenessEntry,
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
} from "./protocol";
import { type BroadcastFrame, frameBinaryMessage } from "./websocketFrame";

/** Presence states larger than this are refused (a cursor and a selection need far less). */
export const MAX_AWARENESS_STATE_BYTES = 64 * 1024;
/** A checkpoint is written after this many stored updates, so loads stay short. */
export const CHECKPOINT_EVERY_UPDATES = 500;
/**
 * A room whose document went unused this long keeps only its encoded state: a loaded Y.Doc
 * takes about ten times the memory of its encoding, and most open boards sit idle. Long enough
 * that an editing session never pays the decode again.
 */
export const DORMANT_AFTER_MS = 30_000;

export interface StoredUpdateEvent {
  room: Room;
  update: Uint8Array;
  seq: number;
  author: string;
}

/** Extension points for history and scale-out; the core calls them, never the reverse. */
export interface RoomHooks {
  /** After an update is durably stored, before it is relayed. */
  afterStore?(event: StoredUpdateEvent): void | Promise<void>;
  /** After local presence changed (already broadcast locally): the changed entries. */
  afterAwareness?(room: Room, entries: readonly AwarenessEntry[]): void;
}

export interface RoomDependencies {
  storage: Storage;
  committer: GroupCommitter;
  metrics: ServerMetrics;
  logger: Logger;
  hooks: RoomHooks;
  /**
   * Negative control for the durability tests ONLY: relay first, store this many ms later.
   * It breaks S4 on purpose so the kill -9 test can show that it detects lost updates.
   */
  unsafeRelayBeforeStoreMs?: number;
  /** See DORMANT_AFTER_MS (tests shorten it). */
  dormantAfterMs?: number;
}

/** The origin of updates applied on behalf of a connection (never the local-user origin). */
interface ConnectionOrigin {
  connection: Connection;
}

/**
 * One loaded board: its live document, its connections and their presence. Updates follow
 * the SPEC: validate (V1 only), apply, store durably (group commit), then relay in order.
 */
export class Room {
  readonly connections = new Set<Connection>();
  /** Seq of the newest stored update whose content the document holds. */
  storedSeq: number;
  updatesSinceCheckpoint: number;
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private awarenessStates = new Map<number, AwarenessEntry & { owner: Connection | null }>();
  private pendingAwareness = new Map<number, AwarenessEntry>();
  /** Presence changes made by this instance's own connections (what scale-out forwards). */
  private pendingLocalAwareness = new Map<number, AwarenessEntry>();
  private awarenessScheduled = false;
  /** Stored updates waiting to be relayed (see relayStored), in commit order, with their senders. */
  private pendingRelays: { frame: BroadcastFrame; from: Connection | null }[] = [];
  private fullStateFrame: Uint8Array | null = null;
  private stateVectorFrame: Uint8Array | null = null;
  private checkpointing: Promise<void> | null = null;
  /** The live document, or null while dormant (then `dormantState` holds its encoding). */
  private liveDoc: Y.Doc | null = null;
  private dormantState: Uint8Array | null = null;
  private dormancyTimer: NodeJS.Timeout | null = null;
  /** Set when a transaction on the live document added or deleted content (see `doc`). */
  private contentChanged = false;
  broken = false;

  constructor(
    readonly boardId: string,
    private readonly deps: RoomDependencies,
    loaded: { state: Uint8Array | null; updates: Uint8Array[]; storedSeq: number; updatesSinceCheckpoint: number },
  ) {
    this.storedSeq = loaded.storedSeq;
    this.updatesSinceCheckpoint = loaded.updatesSinceCheckpoint;
    if (loaded.state && loaded.updates.length === 0) {
      // The checkpoint is the whole document: stay dormant until something needs the Y.Doc
      // (a board opened to look at never decodes it). The state is the server's own encoding.
      this.stateVectorFrame = encodeSyncStep1(Y.encodeStateVectorFromUpdate(loaded.state));
      this.keepEncodedState(loaded.state);
      return;
    }
    const doc = this.doc;
    if (loaded.state) Y.applyUpdate(doc, loaded.state, "load");
    for (const update of loaded.updates) {
      try {
        Y.applyUpdate(doc, update, "load");
      } catch (error) {
        deps.logger.error({ boardId, err: error }, "skipping a stored update that does not apply");
      }
    }
  }

  /** The live document, decoded again from its encoding when the room was dormant. */
  get doc(): Y.Doc {
    this.scheduleDormancy();
    if (this.liveDoc) return this.liveDoc;
    const doc = new Y.Doc({ gc: true });
    if (this.dormantState) Y.applyUpdate(doc, this.dormantState, "load");
    this.dormantState = null;
    // "afterTransaction", not "update": with an "update" listener Yjs encodes every transaction
    // into an update again, which nothing here needs (the client's own bytes are stored).
    doc.on("afterTransaction", (transaction: Y.Transaction) => {
      if (!transactionHasContent(transaction)) return;
      this.fullStateFrame = null;
      this.stateVectorFrame = null;
      this.contentChanged = true;
    });
    this.liveDoc = doc;
    return doc;
  }

  /**
   * Yjs structs the live document holds (0 while dormant). Every edit adds one, and an
   * overwritten or deleted value keeps a small stub, so this grows with a live board's edits.
   */
  get structCount(): number {
    if (!this.liveDoc) return 0;
    let count = 0;
    for (const structs of this.liveDoc.store.clients.values()) count += structs.length;
    return count;
  }

  /** True while the room holds only the encoding of its document (for tests and metrics). */
  get isDormant(): boolean {
    return this.liveDoc === null;
  }

  /** True when every applied update is stored (nothing is waiting on the disk). */
  get isFlushed(): boolean {
    return this.inFlight === 0;
  }

  whenFlushed(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** S2: the server's sync step 1 carries the real state vector (kept while dormant). */
  syncStep1Frame(): Uint8Array {
    this.stateVectorFrame ??= encodeSyncStep1(Y.encodeStateVector(this.doc));
    return this.stateVectorFrame;
  }

  /**
   * S3/S10: answer a client's sync step 1 with what it misses, only from stored content.
   * A client with an empty state vector gets the full state, encoded once for all joiners.
   */
  async syncStep2Frame(stateVector: Uint8Array): Promise<Uint8Array> {
    await this.whenFlushed();
    const isEmpty = stateVector.length === 1 && stateVector[0] === 0;
    if (isEmpty) {
      // A dormant room answers from its encoding without decoding the document.
      this.fullStateFrame ??= encodeSyncStep2(this.dormantState ?? Y.encodeStateAsUpdate(this.doc));
      return this.fullStateFrame;
    }
    return encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector));
  }

  /** Every live presence state this room holds, its own connections' and other instances'. */
  awarenessSnapshot(): AwarenessEntry[] {
    const live: AwarenessEntry[] = [];
    for (const { clientId, clock, stateJson } of this.awarenessStates.values()) {
      if (stateJson !== "null") live.push({ clientId, clock, stateJson });
    }
    return live;
  }

  awarenessSnapshotFrame(): Uint8Array | null {
    const live = this.awarenessSnapshot();
    return live.length > 0 ? encodeAwareness(live) : null;
  }

  /**
   * S4–S6: an update from a client. View connections' updates are dropped. Edit updates are
   * validated and applied now (a bad one throws ProtocolError here); storing and relaying
   * continue in the background so one client's burst shares group commits. Relays keep the
   * arrival order because commits complete in order.
   */
  receiveUpdate(connection: Connection, update: Uint8Array): Promise<void> | null {
    if (!connection.canEdit) {
      this.deps.metrics.updatesRejected.inc(1, { reason: "view-role" });
      return null;
    }
    const received = performance.now();
    const { empty } = assertValidUpdate(update);
    if (empty) return null;
    const doc = this.doc;
    this.contentChanged = false;
    // Yjs keeps what it cannot integrate yet in two places: structs with missing dependencies
    // (merged into a new `update` array) and deletes of unknown items (`pendingDs`, which emits
    // no "update" event). Either changing means the update carried content that must be stored.
    const pendingStructsBefore = doc.store.pendingStructs?.update ?? null;
    const pendingDeletesBefore = doc.store.pendingDs;
    const origin: ConnectionOrigin = { connection };
    Y.applyUpdate(doc, update, origin);
    const leftPending =
      (doc.store.pendingStructs?.update ?? null) !== pendingStructsBefore || doc.store.pendingDs !== pendingDeletesBefore;
    if (!this.contentChanged && !leftPending) return null;
    return this.persistAndRelay(update, connection.userName, connection, received);
  }

  private async persistAndRelay(update: Uint8Array, author: string, from: Connection | null, received: number): Promise<void> {
    this.inFlight += 1;
    try {
      const unsafeDelay = this.deps.unsafeRelayBeforeStoreMs;
      if (unsafeDelay !== undefined) {
        this.broadcast(encodeSyncUpdate(update), from);
        await new Promise((resolve) => setTimeout(resolve, unsafeDelay));
      }
      const seq = await this.deps.committer.append({ boardId: this.boardId, data: update, author, createdAt: Date.now() });
      this.storedSeq = Math.max(this.storedSeq, seq);
      this.updatesSinceCheckpoint += 1;
      await this.deps.hooks.afterStore?.({ room: this, update, seq, author });
      if (unsafeDelay === undefined) this.relayStored(encodeSyncUpdate(update), from);
      this.deps.metrics.updatesApplied.inc();
      this.deps.metrics.updateLatency.observe((performance.now() - received) / 1000);
    } catch (error) {
      this.deps.logger.error({ boardId: this.boardId, err: error }, "storing an update failed; closing the room");
      this.breakRoom();
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
        this.maybeCheckpoint();
      }
    }
  }

  /**
   * An update that another instance already stored (scale-out): apply and relay locally,
   * without storing it again.
   */
  applyStoredRemoteUpdate(update: Uint8Array, seq: number): void {
    Y.applyUpdate(this.doc, update, "remote-instance");
    this.storedSeq = Math.max(this.storedSeq, seq);
    this.broadcast(encodeSyncUpdate(update), null);
  }

  /**
   * Applies a server-made change (restore, import) as a normal stored update authored by
   * `author`, relayed to every connection.
   */
  async applyServerChange(author: string, change: (doc: Y.Doc) => void): Promise<number | null> {
    let captured: Uint8Array | null = null;
    const capture = (update: Uint8Array) => {
      captured = captured ? Y.mergeUpdates([captured, update]) : update;
    };
    const doc = this.doc;
    doc.on("update", capture);
    try {
      change(doc);
    } finally {
      doc.off("update", capture);
    }
    if (!captured) return null;
    await this.persistAndRelay(captured, author, null, performance.now());
    if (this.broken) throw new Error("storing the change failed");
    return this.storedSeq;
  }

  /**
   * S7/S8: presence from a client, relayed to everyone including the sender (the stock client
   * treats silence as a dead link), batched per room and encoded once per batch.
   */
  receiveAwareness(connection: Connection, entries: ClientAwarenessEntry[]): void {
    if (connection.closed) return;
    for (const entry of entries) {
      if (entry.stateJson.length > MAX_AWARENESS_STATE_BYTES) {
        connection.close(CloseCode.MessageTooLarge, "presence state too large");
        return;
      }
      const known = this.awarenessStates.get(entry.clientId);
      if (known && known.owner && known.owner !== connection && !known.owner.closed) continue;
      // The stock client sends back every presence change it receives. An entry another
      // instance owns is taken over only by a newer clock: the client itself, reconnected here.
      if (known && known.owner === null && entry.clock <= known.clock) continue;
      if (known && entry.clock < known.clock) continue;
      connection.clientIds.add(entry.clientId);
      connection.userName = entry.userName ?? connection.userName;
      const stored: AwarenessEntry = { clientId: entry.clientId, clock: entry.clock, stateJson: entry.stateJson };
      this.awarenessStates.set(entry.clientId, { ...stored, owner: connection });
      this.pendingAwareness.set(entry.clientId, stored);
      this.pendingLocalAwareness.set(entry.clientId, stored);
    }
    this.scheduleAwarenessFlush();
  }

  /** Presence that another instance relayed (scale-out). */
  receiveRemoteAwareness(entries: AwarenessEntry[]): void {
    for (const entry of entries) {
      const known = this.awarenessStates.get(entry.clientId);
      if (known && known.owner) continue;
      if (known && entry.clock < known.clock) continue;
      // y-protocols' rule: at an equal clock a removal wins; an equal non-null state is a repeat.
      if (known && entry.clock === known.clock && (entry.stateJson !== "null" || known.stateJson === "null")) continue;
      this.awarenessStates.set(entry.clientId, { ...entry, owner: null });
      this.pendingAwareness.set(entry.clientId, entry);
    }
    this.scheduleAwarenessFlush();
  }

  addConnection(connection: Connection): void {
    this.connections.add(connection);
  }

  /** S9: a dropped socket's presence is cleared for everyone at once. */
  removeConnection(connection: Connection): void {
    if (!this.connections.delete(connection)) return;
    for (const clientId of connection.clientIds) {
      const known = this.awarenessStates.get(clientId);
      if (!known || known.owner !== connection) continue;
      const removal: AwarenessEntry = { clientId, clock: known.clock + 1, stateJson: "null" };
      this.awarenessStates.delete(clientId);
      this.pendingAwareness.set(clientId, removal);
      this.pendingLocalAwareness.set(clientId, removal);
    }
    this.scheduleAwarenessFlush();
  }

  closeAll(code: Parameters<Connection["close"]>[0], reason: string, filter: (c: Connection) => boolean = () => true): number {
    let closed = 0;
    for (const connection of [...this.connections]) {
      if (!filter(connection)) continue;
      connection.close(code, reason);
      this.removeConnection(connection);
      closed += 1;
    }
    return closed;
  }

  /** Writes a checkpoint of the stored state when the room is flushed. */
  async checkpoint(): Promise<void> {
    if (this.checkpointing) return this.checkpointing;
    this.checkpointing = (async () => {
      await this.whenFlushed();
      if (this.updatesSinceCheckpoint === 0 || this.broken) return;
      const seq = this.storedSeq;
      const counted = this.updatesSinceCheckpoint;
      await this.deps.storage.writeCheckpoint({
        boardId: this.boardId,
        seq,
        state: this.dormantState ?? Y.encodeStateAsUpdate(this.doc),
        createdAt: Date.now(),
      });
      this.updatesSinceCheckpoint = Math.max(0, this.updatesSinceCheckpoint - counted);
    })().finally(() => {
      this.checkpointing = null;
    });
    return this.checkpointing;
  }

  destroy(): void {
    if (this.dormancyTimer) clearTimeout(this.dormancyTimer);
    this.dormancyTimer = null;
    this.liveDoc?.destroy();
    this.awarenessStates.clear();
    this.pendingAwareness.clear();
    this.pendingLocalAwareness.clear();
  }

  private scheduleDormancy(): void {
    if (this.dormancyTimer) this.dormancyTimer.refresh();
    else {
      this.dormancyTimer = setTimeout(() => this.becomeDormant(), this.deps.dormantAfterMs ?? DORMANT_AFTER_MS);
      this.dormancyTimer.unref();
    }
  }

  /**
   * Keeps only the document's encoding when nothing is in flight and Yjs holds no pending
   * content (which lives outside the encoded state). Anything still busy tries again later.
   */
  private becomeDormant(): void {
    this.dormancyTimer = null;
    const doc = this.liveDoc;
    if (!doc || this.broken) return;
    if (!this.isFlushed || this.checkpointing || doc.store.pendingStructs || doc.store.pendingDs) {
      this.scheduleDormancy();
      return;
    }
    this.stateVectorFrame ??= encodeSyncStep1(Y.encodeStateVector(doc));
    this.keepEncodedState(Y.encodeStateAsUpdate(doc));
    this.liveDoc = null;
    doc.destroy();
  }

  /**
   * Holds the document's encoding once: inside the sync step 2 frame that answers joiners
   * (S10), with `dormantState` a view into it.
   */
  private keepEncodedState(state: Uint8Array): void {
    const frame = encodeSyncStep2(state);
    this.fullStateFrame = frame;
    this.dormantState = frame.subarray(frame.byteLength - state.byteLength);
  }

  private maybeCheckpoint(): void {
    if (this.updatesSinceCheckpoint >= CHECKPOINT_EVERY_UPDATES) {
      this.checkpoint().catch((error) => this.deps.logger.error({ boardId: this.boardId, err: error }, "checkpoint failed"));
    }
  }

  /**
   * After a failed write the document may hold content that is not on disk. Close everyone
   * so the board reloads from durable state; clients resend what the server lacks.
   */
  private breakRoom(): void {
    if (this.broken) return;
    this.broken = true;
    this.closeAll(CloseCode.StorageFailure, "storage failure");
  }

  /**
   * S4/S7: relays a stored update. The updates of one group commit are stored together and
   * resume here one after another in the same turn; they are gathered and each socket gets
   * them in one write (each still a frame of its own, in commit order, its own updates left
   * out), instead of one write per update per socket.
   */
  private relayStored(message: Uint8Array, from: Connection | null): void {
    this.pendingRelays.push({ frame: frameBinaryMessage(message), from });
    if (this.pendingRelays.length === 1) queueMicrotask(() => this.flushRelays());
  }

  private flushRelays(): void {
    const relays = this.pendingRelays;
    this.pendingRelays = [];
    const [only] = relays;
    if (relays.length === 1 && only) {
      for (const connection of this.connections) if (connection !== only.from) connection.sendFramed(only.frame);
      return;
    }
    // One joined buffer per distinct sender (a writer never gets its own updates back).
    const joinedFor = new Map<Connection | null, { frames: BroadcastFrame[]; joined: Buffer }>();
    const joined = (except: Connection | null) => {
      let batch = joinedFor.get(except);
      if (!batch) {
        const frames = relays.filter((relay) => except === null || relay.from !== except).map((relay) => relay.frame);
        batch = { frames, joined: Buffer.concat(frames.map((frame) => frame.framed)) };
        joinedFor.set(except, batch);
      }
      return batch;
    };
    const senders = new Set(relays.map((relay) => relay.from));
    for (const connection of this.connections) {
      const batch = joined(senders.has(connection) ? connection : null);
      if (batch.frames.length > 0) connection.sendFramedBatch(batch.frames, batch.joined);
    }
  }

  private broadcast(message: Uint8Array, except: Connection | null): void {
    const frame = frameBinaryMessage(message);
    for (const connection of this.connections) if (connection !== except) connection.sendFramed(frame);
  }

  private scheduleAwarenessFlush(): void {
    if (this.awarenessScheduled) return;
    this.awarenessScheduled = true;
    // S8: one batch per event-loop turn, sent in the same turn that read the changes. A minimum
    // gap of 1–4 ms between batches (tried) sent fewer, larger batches, but a change arriving
    // inside the gap then waited for a timer wake-up of its own, and on a busy machine that made
    // the slowest cursors slower.
    setImmediate(() => {
      this.awarenessScheduled = false;
      if (this.pendingAwareness.size === 0 && this.pendingLocalAwareness.size === 0) return;
      const frame = encodeAwareness(this.pendingAwareness.values());
      this.pendingAwareness.clear();
      this.broadcast(frame, null);
      this.deps.metrics.awarenessBatches.inc();
      if (this.pendingLocalAwareness.size > 0) {
        const local = [...this.pendingLocalAwareness.values()];
        this.pendingLocalAwareness.clear();
        this.deps.hooks.afterAwareness?.(this, local);
      }
    });
  }
}

/**
 * Whether a transaction added or deleted anything: the test Yjs itself applies before it emits
 * "update" (a non-empty delete set, or a client whose clock moved).
 */
function transactionHasContent(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState) if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}
