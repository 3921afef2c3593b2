import { diffBoards, modelReassignments, summarizeDiff, type BoardDiff, type ModelReassignment } from "../../lib/board/diff";
import { readBoard, writeBoardContent } from "../../lib/board/schema";
import type { BoardContent } from "../../lib/board/types";
import { generateId } from "../auth/tokens";
import type { RoomRegistry } from "../collab/registry";
import type { Storage, VersionRecord } from "../storage/types";
import { authorsById } from "./entries";
import { HistoryIndexer, type IndexKeeper } from "./indexer";
import { authorsBetween, indexedContentAt } from "./indexReads";
import { restoredContent } from "./restoreContent";

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
 * Versions, diffs and restores, read from the history index (plain content per segment plus
 * per-update patches, see HistoryIndexer), so their cost does not grow with the log. The live
 * room is flushed first wherever "now" matters, so nothing a client has seen is missing.
 */
export class HistoryService {
  /** In-process unless given one (the server passes an IndexingWorker). */
  readonly indexer: IndexKeeper;

  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
    indexer?: IndexKeeper,
  ) {
    this.indexer = indexer ?? new HistoryIndexer(storage);
  }

  /** Stops indexing (before the storage closes). */
  close(): Promise<void> {
    return this.indexer.close();
  }

  /** The seq that "now" stands for, after flushing the live room. */
  async headSeq(boardId: string): Promise<number> {
    const room = this.registry.loaded(boardId);
    if (room && !room.broken) while (!room.isFlushed) await room.whenFlushed();
    return Math.max(room?.storedSeq ?? 0, await this.storage.headSeq(boardId));
  }

  /** The board's plain content after update `seq`. */
  async contentAt(boardId: string, seq: number): Promise<BoardContent> {
    await this.indexer.ensure(boardId, seq);
    return indexedContentAt(this.storage, boardId, seq);
  }

  /** A version of the current state (its seq: history reads it from the index). */
  async createVersion(boardId: string, label: string, kind: VersionRecord["kind"], createdBy: string): Promise<VersionRecord> {
    return this.writeVersion(boardId, await this.headSeq(boardId), label, kind, createdBy);
  }

  private async writeVersion(boardId: string, seq: number, label: string, kind: VersionRecord["kind"], createdBy: string): Promise<VersionRecord> {
    const version: VersionRecord = { id: generateId(), boardId, label, kind, seq, createdAt: Date.now(), createdBy };
    await this.storage.createVersion(version);
    return version;
  }

  /** The semantic diff between two points, with the authors of each item from the log between. */
  async changes(boardId: string, from: { seq: number; label: string }, to: { seq: number; label: string }): Promise<ChangesAnswer> {
    const low = Math.min(from.seq, to.seq);
    const high = Math.max(from.seq, to.seq);
    await this.indexer.ensure(boardId, high);
    const [fromContent, toContent, authors] = await Promise.all([
      indexedContentAt(this.storage, boardId, from.seq),
      indexedContentAt(this.storage, boardId, to.seq),
      authorsBetween(this.storage, boardId, low, high),
    ]);
    const diff = diffBoards(fromContent, toContent, { from: from.label, to: to.label, authorsById: authorsById(authors) });
    return {
      ...diff,
      summary: summarizeDiff(diff, { ...fromContent.models, ...toContent.models }),
      modelReassignments: modelReassignments(diff, toContent),
    };
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
    while (!room.isFlushed) await room.whenFlushed();
    // Read synchronously right after the flush: the content is exactly that of storedSeq.
    const base = readBoard(room.doc);
    const undo = await this.writeVersion(boardId, room.storedSeq, `Before restoring "${version.label}"`, "auto", author);
    const wanted = initiativeId ? withInitiativeFrom(base, target, initiativeId) : target;
    const origin = { kind: "restore" as const, versionId: version.id, userName: userName ?? "restore" };
    const seq = await room.applyServerChange(author, (doc) => {
      writeBoardContent(doc, restoredContent(readBoard(doc), base, wanted), origin);
    });
    return { seq, undoVersionId: undo.id };
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
