import * as Y from "yjs";
import { readBoard, readInitiative, readLink, readModel, readNote, SCHEMA_VERSION } from "../../lib/board/schema";
import type { HistoryPatch, HistorySegment, Storage } from "../storage/types";
import { entryKey, mergeAuthors, type AuthorsByEntry, type Entries } from "./entries";
import { materializeAt } from "./materialize";

/** A segment (full plain content) every this many updates bounds the patches any read replays. */
export const SEGMENT_EVERY_UPDATES = 500;
/** Every this many updates a segment also holds the authors of the whole block before it. */
export const BLOCK_EVERY_UPDATES = 10 * SEGMENT_EVERY_UPDATES;
/** Updates read and indexed per storage round trip. */
const CHUNK_UPDATES = 1_000;
/** Boards whose replay document stays in memory between catch-ups. */
const MAX_CURSORS = 8;
/**
 * Replaying in-process runs on the event loop that relays live updates: after this long it
 * yields a turn, so a catch-up of a few hundred updates never holds up a relay for the whole
 * replay. (The server indexes in a worker thread instead, see IndexingWorker.)
 */
const REPLAY_SLICE_MS = 0.5;

export interface HistoryIndexerOptions {
  /** Replay this long before yielding a turn (default REPLAY_SLICE_MS). */
  replaySliceMs?: number;
  /** Updates read, indexed and stored per transaction (default CHUNK_UPDATES). */
  chunkUpdates?: number;
  /** Stores index rows (default: the storage's appendHistoryIndex; the worker's go to its parent). */
  writeIndex?: (patches: readonly HistoryPatch[], segments: readonly HistorySegment[]) => Promise<void>;
}

/** Keeps a board's history index up to date with its log (HistoryIndexer, or a worker running one). */
export interface IndexKeeper {
  /** Resolves when the index covers every update up to `uptoSeq`. */
  ensure(boardId: string, uptoSeq: number): Promise<void>;
  close(): Promise<void>;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

interface Cursor {
  doc: Y.Doc;
  seq: number;
  /** Who touched what since the last segment (what the next segment row stores). */
  authors: AuthorsByEntry;
  /** The same since the last block. */
  blockAuthors: AuthorsByEntry;
}

/** The plain value of a top-level entry in `doc` ("meta", or "initiatives/<id>"…), null when absent. */
function entryValue(doc: Y.Doc, key: string): unknown {
  if (key === "meta") {
    const meta = doc.getMap("meta").toJSON() as Record<string, unknown>;
    const schemaVersion = typeof meta.schemaVersion === "number" ? meta.schemaVersion : SCHEMA_VERSION;
    return { ...meta, schemaVersion, title: typeof meta.title === "string" ? meta.title : "" };
  }
  const slash = key.indexOf("/");
  const root = key.slice(0, slash);
  const id = key.slice(slash + 1);
  const map = doc.getMap<unknown>(root).get(id);
  if (!(map instanceof Y.Map)) return null;
  switch (root) {
    case "initiatives":
      return readInitiative(id, map);
    case "models":
      return readModel(id, map);
    case "links":
      return readLink(id, map);
    case "notes":
      return readNote(id, map);
    default:
      return null;
  }
}

/** The top-level entries a transaction changed, from Yjs's own record of changed types. */
function changedEntries(transaction: Y.Transaction): Set<string> {
  const keys = new Set<string>();
  transaction.changed.forEach((changedKeys, type) => {
    let current = type;
    let key: string | null = null;
    while (current._item !== null) {
      key = current._item.parentSub;
      current = current._item.parent as typeof type;
    }
    const root = Y.findRootTypeKey(current);
    if (root === "meta") {
      keys.add("meta");
    } else if (key !== null) {
      keys.add(entryKey(root, key));
    } else {
      for (const changedKey of changedKeys) if (changedKey !== null) keys.add(entryKey(root, changedKey));
    }
  });
  return keys;
}

function noteAuthor(authors: AuthorsByEntry, keys: Iterable<string>, author: string): void {
  for (const key of keys) {
    const list = (authors[key] ??= []);
    if (!list.includes(author)) list.push(author);
  }
}

/**
 * Keeps the history index (storage's history patches and segments) up to date with the log: it
 * replays each logged update ONCE on a document of its own and records which entries it changed
 * and their plain values after it, and every SEGMENT_EVERY_UPDATES the whole plain content.
 * Reads of history then fold JSON patches onto the nearest segment instead of decoding Yjs state,
 * whose size grows with every field overwrite (each leaves a deleted item behind).
 *
 * Indexing is idempotent (storage keeps the first row for a seq), so several processes may index
 * one board at once.
 */
export class HistoryIndexer implements IndexKeeper {
  private readonly cursors = new Map<string, Cursor>();
  private readonly running = new Map<string, Promise<void>>();
  private readonly replaySliceMs: number;
  private readonly chunkUpdates: number;
  private readonly writeIndex: (patches: readonly HistoryPatch[], segments: readonly HistorySegment[]) => Promise<void>;

  constructor(
    private readonly storage: Storage,
    options: HistoryIndexerOptions = {},
  ) {
    this.replaySliceMs = options.replaySliceMs ?? REPLAY_SLICE_MS;
    this.chunkUpdates = options.chunkUpdates ?? CHUNK_UPDATES;
    this.writeIndex = options.writeIndex ?? ((patches, segments) => this.storage.appendHistoryIndex(patches, segments));
  }

  /** Resolves when the index covers every update up to `uptoSeq`. */
  async ensure(boardId: string, uptoSeq: number): Promise<void> {
    for (;;) {
      const running = this.running.get(boardId);
      if (!running) break;
      await running;
    }
    const head = await this.storage.historyIndexHead(boardId);
    if (head !== null && head >= uptoSeq) return;
    const work = this.catchUp(boardId, head, uptoSeq).finally(() => this.running.delete(boardId));
    this.running.set(boardId, work);
    await work;
  }

  /** Drops the in-memory replay documents (the index itself is in storage). */
  async close(): Promise<void> {
    for (const cursor of this.cursors.values()) cursor.doc.destroy();
    this.cursors.clear();
  }

  private async catchUp(boardId: string, head: number | null, uptoSeq: number): Promise<void> {
    const cursor = await this.cursorAt(boardId, head);
    try {
      while (cursor.seq < uptoSeq) {
        const updates = await this.storage.readUpdates(boardId, cursor.seq, Math.min(uptoSeq, cursor.seq + this.chunkUpdates));
        if (updates.length === 0) break;
        const patches: HistoryPatch[] = [];
        const segments: HistorySegment[] = [];
        let sliceStarted = performance.now();
        for (const update of updates) {
          if (performance.now() - sliceStarted >= this.replaySliceMs) {
            await nextTurn();
            sliceStarted = performance.now();
          }
          let keys = new Set<string>();
          const listen = (transaction: Y.Transaction) => {
            keys = changedEntries(transaction);
          };
          cursor.doc.on("afterTransaction", listen);
          try {
            Y.applyUpdate(cursor.doc, update.data);
          } catch {
            // A stored update that does not apply is skipped, as on load (Room constructor).
          } finally {
            cursor.doc.off("afterTransaction", listen);
          }
          const items: Entries = {};
          for (const key of keys) items[key] = entryValue(cursor.doc, key);
          patches.push({ boardId, seq: update.seq, author: update.author, createdAt: update.createdAt, items: JSON.stringify(items) });
          noteAuthor(cursor.authors, keys, update.author);
          noteAuthor(cursor.blockAuthors, keys, update.author);
          cursor.seq = update.seq;
          if (update.seq % SEGMENT_EVERY_UPDATES === 0) {
            const endsBlock = update.seq % BLOCK_EVERY_UPDATES === 0;
            segments.push({
              boardId,
              seq: update.seq,
              content: JSON.stringify(readBoard(cursor.doc)),
              authors: JSON.stringify(cursor.authors),
              blockAuthors: endsBlock ? JSON.stringify(cursor.blockAuthors) : null,
            });
            cursor.authors = {};
            if (endsBlock) cursor.blockAuthors = {};
          }
        }
        await this.writeIndex(patches, segments);
      }
    } catch (error) {
      this.forget(boardId);
      throw error;
    }
  }

  /** A replay document at the index head: kept from last time, or materialised once. */
  private async cursorAt(boardId: string, head: number | null): Promise<Cursor> {
    const kept = this.cursors.get(boardId);
    if (kept && head !== null && kept.seq <= head) {
      // Another process may have indexed past our cursor; replaying rewrites identical rows.
      this.cursors.delete(boardId);
      this.cursors.set(boardId, kept);
      return kept;
    }
    this.forget(boardId);
    const seq = head ?? 0;
    const doc = await materializeAt(this.storage, boardId, seq);
    const cursor: Cursor = { doc, seq, authors: {}, blockAuthors: {} };
    if (head === null) {
      await this.writeIndex([], [{ boardId, seq: 0, content: JSON.stringify(readBoard(doc)), authors: "{}", blockAuthors: "{}" }]);
    } else {
      for (const segment of await this.storage.readHistorySegmentAuthors(boardId, blockStart(head), segmentStart(head))) {
        mergeAuthors(cursor.blockAuthors, JSON.parse(segment.authors) as AuthorsByEntry);
      }
      for (const patch of await this.storage.readHistoryPatches(boardId, segmentStart(head), head)) {
        const keys = Object.keys(JSON.parse(patch.items) as Entries);
        noteAuthor(cursor.authors, keys, patch.author);
        noteAuthor(cursor.blockAuthors, keys, patch.author);
      }
    }
    this.cursors.set(boardId, cursor);
    // The least recently used go first, but never one whose catch-up is running (its replay
    // document would be destroyed under it), nor this board's own.
    for (const candidate of this.cursors.keys()) {
      if (this.cursors.size <= MAX_CURSORS) break;
      if (candidate !== boardId && !this.running.has(candidate)) this.forget(candidate);
    }
    return cursor;
  }

  private forget(boardId: string): void {
    this.cursors.get(boardId)?.doc.destroy();
    this.cursors.delete(boardId);
  }
}

/** The seq of the segment at or before `seq`. */
export function segmentStart(seq: number): number {
  return Math.floor(seq / SEGMENT_EVERY_UPDATES) * SEGMENT_EVERY_UPDATES;
}

/** The seq of the block end at or before `seq`. */
export function blockStart(seq: number): number {
  return Math.floor(seq / BLOCK_EVERY_UPDATES) * BLOCK_EVERY_UPDATES;
}
