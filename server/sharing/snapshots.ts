import * as Y from "yjs";
import { readBoard } from "../../lib/board/schema";
import type { BoardContent } from "../../lib/board/types";
import { generateId } from "../auth/tokens";
import type { RoomRegistry } from "../collab/registry";
import { materializeAt } from "../history/materialize";
import { ApiError, ErrorCode } from "../http/errors";
import type { SnapshotRecord, Storage } from "../storage/types";

/**
 * Snapshots: an immutable copy of a board's encoded state, stored once and never touched
 * again, so later edits to the board cannot change what a snapshot link shows.
 */

export interface SnapshotDependencies {
  storage: Storage;
  registry: RoomRegistry;
}

/** The state a snapshot freezes: the given version's, or the board's stored state now. */
async function stateToFreeze(
  deps: SnapshotDependencies,
  boardId: string,
  versionId: string | undefined,
): Promise<{ state: Uint8Array; takenAt: number; versionId: string | null }> {
  if (versionId !== undefined) {
    const version = await deps.storage.getVersion(boardId, versionId);
    if (!version) throw new ApiError(404, ErrorCode.NotFound, "versionId: no such version of this board");
    const doc = await materializeAt(deps.storage, boardId, version.seq);
    const state = Y.encodeStateAsUpdate(doc);
    doc.destroy();
    return { state, takenAt: version.createdAt, versionId: version.id };
  }
  const room = deps.registry.loaded(boardId);
  if (room) {
    // Only what is durably stored belongs in a snapshot: wait for the room's pending writes.
    await room.whenFlushed();
    return { state: Y.encodeStateAsUpdate(room.doc), takenAt: Date.now(), versionId: null };
  }
  const doc = await materializeAt(deps.storage, boardId, await deps.storage.headSeq(boardId));
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return { state, takenAt: Date.now(), versionId: null };
}

export async function takeSnapshot(
  deps: SnapshotDependencies,
  boardId: string,
  versionId: string | undefined,
): Promise<SnapshotRecord> {
  const board = await deps.storage.getBoard(boardId);
  if (!board) throw new ApiError(404, ErrorCode.NotFound, "no such board");
  const frozen = await stateToFreeze(deps, boardId, versionId);
  const title = snapshotContentOf(frozen.state).meta.title || board.title;
  const record: SnapshotRecord = {
    id: generateId(),
    boardId,
    versionId: frozen.versionId,
    title,
    state: frozen.state,
    takenAt: frozen.takenAt,
    createdAt: Date.now(),
  };
  await deps.storage.createSnapshot(record);
  return record;
}

/** The board's stored content now (the live room's once flushed, else from storage). */
export async function currentContent(deps: SnapshotDependencies, boardId: string): Promise<BoardContent> {
  const room = deps.registry.loaded(boardId);
  if (room) {
    await room.whenFlushed();
    return readBoard(room.doc);
  }
  const doc = await materializeAt(deps.storage, boardId, await deps.storage.headSeq(boardId));
  const content = readBoard(doc);
  doc.destroy();
  return content;
}

/** The plain content (the JSON export format) of an encoded snapshot state. */
export function snapshotContentOf(state: Uint8Array): BoardContent {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const content = readBoard(doc);
  doc.destroy();
  return content;
}

/** Snapshot ids are base64url of 16 bytes; anything else is answered without a lookup. */
export function looksLikeSnapshotId(id: string): boolean {
  return /^[A-Za-z0-9_-]{22}$/.test(id);
}

export function snapshotUrl(publicUrl: string, snapshotId: string): string {
  return `${publicUrl}/s/${encodeURIComponent(snapshotId)}`;
}
