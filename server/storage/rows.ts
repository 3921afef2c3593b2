import type { NewUpdate } from "./types";

/*
 * Helpers for the SQL backends: bytes into and out of the drivers (both), and the per-board
 * shape of an append batch (PostgreSQL's head counter; SQLite numbers updates as it inserts them).
 */

/** A Buffer view over the caller's bytes (no copy): both drivers bind Buffers as blobs. */
export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A plain Uint8Array that owns its memory, so callers never hold a view into a driver's buffer. */
export function toBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer);
}

export interface BoardBatch {
  boardId: string;
  /** How many updates of the batch belong to this board. */
  count: number;
  /** The newest server time among them, which becomes the board's updatedAt. */
  latestCreatedAt: number;
}

/**
 * The boards of a batch, sorted by id: writers that lock boards in this one order cannot
 * deadlock each other, whichever boards their batches share.
 */
export function boardsOfBatch(updates: readonly NewUpdate[]): BoardBatch[] {
  const byBoard = new Map<string, BoardBatch>();
  for (const update of updates) {
    const batch = byBoard.get(update.boardId);
    if (batch) {
      batch.count += 1;
      batch.latestCreatedAt = Math.max(batch.latestCreatedAt, update.createdAt);
    } else {
      byBoard.set(update.boardId, { boardId: update.boardId, count: 1, latestCreatedAt: update.createdAt });
    }
  }
  return [...byBoard.values()].sort((a, b) => (a.boardId < b.boardId ? -1 : a.boardId > b.boardId ? 1 : 0));
}

/**
 * Gives each update its sequence number, in input order, from the first number reserved for
 * its board (several updates of one board in one batch get consecutive numbers).
 */
export function assignSeqs(updates: readonly NewUpdate[], firstSeqByBoard: Map<string, number>): number[] {
  const nextSeqByBoard = new Map(firstSeqByBoard);
  return updates.map((update) => {
    const seq = nextSeqByBoard.get(update.boardId);
    if (seq === undefined) throw new Error(`no sequence numbers reserved for board ${update.boardId}`);
    nextSeqByBoard.set(update.boardId, seq + 1);
    return seq;
  });
}
