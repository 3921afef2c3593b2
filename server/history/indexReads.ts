import type { BoardContent } from "../../lib/board/types";
import type { HistoryPatch, Storage } from "../storage/types";
import { applyEntries, mergeAuthors, type AuthorsByEntry, type Entries } from "./entries";
import { blockStart, BLOCK_EVERY_UPDATES, segmentStart, SEGMENT_EVERY_UPDATES } from "./indexer";

/*
 * Reads of the history index (see HistoryIndexer). Callers make sure the index covers the seqs
 * they ask about (HistoryIndexer.ensure). Every read touches one segment and fewer than
 * SEGMENT_EVERY_UPDATES patches per end, plus one small row per segment in between.
 */

export interface ParsedPatch {
  seq: number;
  author: string;
  createdAt: number;
  entries: Entries;
}

function parsed(patch: HistoryPatch): ParsedPatch {
  return { seq: patch.seq, author: patch.author, createdAt: patch.createdAt, entries: JSON.parse(patch.items) as Entries };
}

export async function readPatches(storage: Storage, boardId: string, afterSeq: number, uptoSeq: number): Promise<ParsedPatch[]> {
  return (await storage.readHistoryPatches(boardId, afterSeq, uptoSeq)).map(parsed);
}

/** The board's plain content after update `seq`: the segment at or before it plus the patches since. */
export async function indexedContentAt(storage: Storage, boardId: string, seq: number): Promise<BoardContent> {
  const segment = await storage.latestHistorySegment(boardId, seq);
  if (!segment) throw new Error(`history index of board ${boardId} has no segment at or before ${seq}`);
  const content = JSON.parse(segment.content) as BoardContent;
  for (const patch of await readPatches(storage, boardId, segment.seq, seq)) applyEntries(content, patch.entries);
  return content;
}

function noteAuthors(into: AuthorsByEntry, patches: readonly ParsedPatch[]): void {
  for (const patch of patches) {
    for (const key of Object.keys(patch.entries)) {
      const list = (into[key] ??= []);
      if (!list.includes(patch.author)) list.push(patch.author);
    }
  }
}

/** The first multiple of `step` at or after `seq`. */
function ceilTo(seq: number, step: number): number {
  return Math.ceil(seq / step) * step;
}

/**
 * Who touched each entry in (afterSeq, uptoSeq], in order of first touch: whole blocks in the
 * middle, whole segments next to them, single patches at the ends, so a range of any length
 * reads at most two blocks' worth of segments and two segments' worth of patches.
 */
export async function authorsBetween(storage: Storage, boardId: string, afterSeq: number, uptoSeq: number): Promise<AuthorsByEntry> {
  const authors: AuthorsByEntry = {};
  if (uptoSeq <= afterSeq) return authors;
  const segmentsFrom = Math.min(ceilTo(afterSeq, SEGMENT_EVERY_UPDATES), uptoSeq);
  const segmentsTo = Math.max(segmentStart(uptoSeq), segmentsFrom);
  const blocksFrom = Math.min(ceilTo(segmentsFrom, BLOCK_EVERY_UPDATES), segmentsTo);
  const blocksTo = Math.max(blockStart(segmentsTo), blocksFrom);
  const mergeRows = (rows: readonly { authors: string }[]) => {
    for (const row of rows) mergeAuthors(authors, JSON.parse(row.authors) as AuthorsByEntry);
  };
  noteAuthors(authors, await readPatches(storage, boardId, afterSeq, segmentsFrom));
  mergeRows(await storage.readHistorySegmentAuthors(boardId, segmentsFrom, blocksFrom));
  mergeRows(await storage.readHistoryBlockAuthors(boardId, blocksFrom, blocksTo));
  mergeRows(await storage.readHistorySegmentAuthors(boardId, blocksTo, segmentsTo));
  noteAuthors(authors, await readPatches(storage, boardId, segmentsTo, uptoSeq));
  return authors;
}
