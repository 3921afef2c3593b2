import * as Y from "yjs";
import { diffBoards, modelReassignments, summarizeDiff, type BoardDiff, type ModelReassignment } from "../../lib/board/diff";
import { readBoard, writeBoardContent } from "../../lib/board/schema";
import type { BoardContent } from "../../lib/board/types";
import { generateId } from "../auth/tokens";
import type { RoomRegistry } from "../collab/registry";
import type { Storage, VersionRecord } from "../storage/types";
import { materializeAt } from "./materialize";
import { restoredContent } from "./restoreContent";
import { authorsByItem, TouchScanner, type TouchedUpdate } from "./touches";

/** The contract's diff plus the human lines and model reassignments the history panel shows. */
export interface ChangesAnswer extends BoardDiff {
  summary: string[];
  modelReassignments: ModelReassignment[];
}

export interface RestoreResult {
  /** The seq of the restoring change, or null when the board already equalled the version. */
  seq: number | null;
  /** A version of the board just before the restore: restoring it undoes the restore. */
  undoVersionId: string;
}

/**
 * Versions, diffs and restores over the update log and checkpoints. The live room is flushed
 * first wherever "now" matters, so nothing a client has seen is missing from an answer.
 */
export class HistoryService {
  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
  ) {}

  /** The newest stored state: the flushed live document when loaded, else storage. */
  async stateNow(boardId: string): Promise<{ seq: number; state: Uint8Array }> {
    const room = this.registry.loaded(boardId);
    if (room && !room.broken) {
      while (!room.isFlushed) await room.whenFlushed();
      // Read synchronously right after the flush: nothing unstored can slip in between.
      return { seq: room.storedSeq, state: Y.encodeStateAsUpdate(room.doc) };
    }
    const seq = await this.storage.headSeq(boardId);
    const doc = await materializeAt(this.storage, boardId, seq);
    try {
      return { seq, state: Y.encodeStateAsUpdate(doc) };
    } finally {
      doc.destroy();
    }
  }

  /** The seq that "now" stands for, after flushing the live room. */
  async headSeq(boardId: string): Promise<number> {
    const room = this.registry.loaded(boardId);
    if (room && !room.broken) while (!room.isFlushed) await room.whenFlushed();
    return Math.max(room?.storedSeq ?? 0, await this.storage.headSeq(boardId));
  }

  async contentAt(boardId: string, seq: number): Promise<BoardContent> {
    const doc = await materializeAt(this.storage, boardId, seq);
    try {
      return readBoard(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * A version of the current state. It gets its own checkpoint, so materialising it later is
   * one decode however long the log grows.
   */
  async createVersion(boardId: string, label: string, kind: VersionRecord["kind"], createdBy: string): Promise<VersionRecord> {
    return (await this.writeVersion(boardId, label, kind, createdBy)).version;
  }

  private async writeVersion(boardId: string, label: string, kind: VersionRecord["kind"], createdBy: string): Promise<{ version: VersionRecord; state: Uint8Array }> {
    const { seq, state } = await this.stateNow(boardId);
    const now = Date.now();
    await this.storage.writeCheckpoint({ boardId, seq, state, createdAt: now });
    const version: VersionRecord = { id: generateId(), boardId, label, kind, seq, createdAt: now, createdBy };
    await this.storage.createVersion(version);
    return { version, state };
  }

  /** Which items each update in (afterSeq, uptoSeq] touched; `base` is the state at afterSeq. */
  async touchesBetween(boardId: string, afterSeq: number, uptoSeq: number, base: Y.Doc): Promise<TouchedUpdate[]> {
    if (uptoSeq <= afterSeq) return [];
    const updates = await this.storage.readUpdates(boardId, afterSeq, uptoSeq);
    const scanner = new TouchScanner(base);
    return updates.map((update) => scanner.scan(update));
  }

  /** The semantic diff between two points, with the authors of each item from the log between. */
  async changes(boardId: string, from: { seq: number; label: string }, to: { seq: number; label: string }): Promise<ChangesAnswer> {
    const low = Math.min(from.seq, to.seq);
    const high = Math.max(from.seq, to.seq);
    const lowDoc = await materializeAt(this.storage, boardId, low);
    try {
      const lowContent = readBoard(lowDoc);
      const highContent = high === low ? lowContent : await this.contentAt(boardId, high);
      const touches = await this.touchesBetween(boardId, low, high, lowDoc);
      const [fromContent, toContent] = from.seq <= to.seq ? [lowContent, highContent] : [highContent, lowContent];
      const diff = diffBoards(fromContent, toContent, { from: from.label, to: to.label, authorsById: authorsByItem(touches) });
      return {
        ...diff,
        summary: summarizeDiff(diff, { ...fromContent.models, ...toContent.models }),
        modelReassignments: modelReassignments(diff, toContent),
      };
    } finally {
      lowDoc.destroy();
    }
  }

  /**
   * Makes the live board equal a version (or one initiative equal its state there) as ONE new
   * change with origin `restore`, relayed to everyone. Only what differs between the board as
   * it was when asked and the version is written, so edits landing meanwhile survive (see
   * restoredContent). A version of the state before is kept, so a restore can be undone.
   */
  async restore(boardId: string, version: VersionRecord, userName: string | null, initiativeId?: string): Promise<RestoreResult | "unknown-initiative"> {
    const target = await this.contentAt(boardId, version.seq);
    const room = await this.registry.get(boardId);
    if (initiativeId && !target.initiatives[initiativeId] && !room.doc.getMap("initiatives").has(initiativeId)) return "unknown-initiative";
    const author = userName ? `restore by ${userName}` : "restore";
    const undo = await this.writeVersion(boardId, `Before restoring "${version.label}"`, "auto", author);
    const base = contentOfState(undo.state);
    const wanted = initiativeId ? withInitiativeFrom(base, target, initiativeId) : target;
    const origin = { kind: "restore" as const, versionId: version.id, userName: userName ?? "restore" };
    const seq = await room.applyServerChange(author, (doc) => {
      writeBoardContent(doc, restoredContent(readBoard(doc), base, wanted), origin);
    });
    return { seq, undoVersionId: undo.version.id };
  }
}

function contentOfState(state: Uint8Array): BoardContent {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return readBoard(doc);
  } finally {
    doc.destroy();
  }
}

/** `base` with one initiative as it was in `target` (absent there: removed). */
function withInitiativeFrom(base: BoardContent, target: BoardContent, initiativeId: string): BoardContent {
  const initiatives = { ...base.initiatives };
  const wanted = target.initiatives[initiativeId];
  if (wanted) initiatives[initiativeId] = wanted;
  else delete initiatives[initiativeId];
  return { ...base, initiatives };
}
