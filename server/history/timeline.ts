import { diffBoards, summarizeDiff } from "../../lib/board/diff";
import type { Storage } from "../storage/types";
import { applyEntries, withOwnCollections } from "./entries";
import { indexedContentAt, readPatches, type ParsedPatch } from "./indexReads";
/** A run of consecutive updates by one person within one minute, told in human lines. */
export interface TimelineGroup {
  author: string;
  startedAt: string;
  endedAt: string;
  /** The state before the group is the state after `fromSeq`; after it, after `toSeq`. */
  fromSeq: number;
  toSeq: number;
  updates: number;
  /** "Ana re-modelled "Checkout revamp" from Capital Project to Staged Venture Bet: …" */
  lines: string[];
  itemIds: string[];
}

export interface TimelinePage {
  groups: TimelineGroup[];
  /** Pass as `before` for the next (older) page; null at the board's beginning. */
  nextBefore: number | null;
}

const MINUTE_MS = 60_000;
const FIRST_WINDOW = 1_000;

interface Run {
  author: string;
  minute: number;
  updates: ParsedPatch[];
}

function runsOf(updates: readonly ParsedPatch[]): Run[] {
  const runs: Run[] = [];
  for (const update of updates) {
    const minute = Math.floor(update.createdAt / MINUTE_MS);
    const last = runs.at(-1);
    if (last && last.author === update.author && last.minute === minute) last.updates.push(update);
    else runs.push({ author: update.author, minute, updates: [update] });
  }
  return runs;
}

/**
 * The newest `limit` groups of changes up to seq `beforeSeq` (inclusive), newest first, from the
 * history index (which must cover `beforeSeq`).
 */
export async function timelinePage(storage: Storage, boardId: string, beforeSeq: number, limit: number): Promise<TimelinePage> {
  let window = FIRST_WINDOW;
  let runs: Run[] = [];
  let windowStart = 0;
  // Read backwards in growing windows until the page is full; a run cut by the window's start
  // is only trusted when the window reaches the beginning of the log.
  for (;;) {
    windowStart = Math.max(0, beforeSeq - window);
    runs = runsOf(await readPatches(storage, boardId, windowStart, beforeSeq));
    const complete = windowStart === 0 ? runs.length : runs.length - 1;
    if (complete >= limit || windowStart === 0) break;
    window *= 4;
  }
  const firstUsable = windowStart === 0 ? 0 : 1;
  const page = runs.slice(Math.max(firstUsable, runs.length - limit));
  const first = page[0]?.updates[0];
  if (!first) return { groups: [], nextBefore: null };

  const groups: TimelineGroup[] = [];
  let before = await indexedContentAt(storage, boardId, first.seq - 1);
  for (const run of page) {
    const after = withOwnCollections(before);
    for (const update of run.updates) applyEntries(after, update.entries);
    const diff = diffBoards(before, after, { from: "", to: "" });
    const lines = summarizeDiff(diff, { ...before.models, ...after.models }).map((line) => `${run.author} ${line}`);
    const firstUpdate = run.updates[0] as ParsedPatch;
    const lastUpdate = run.updates.at(-1) as ParsedPatch;
    if (lines.length > 0) {
      groups.push({
        author: run.author,
        startedAt: new Date(firstUpdate.createdAt).toISOString(),
        endedAt: new Date(lastUpdate.createdAt).toISOString(),
        fromSeq: firstUpdate.seq - 1,
        toSeq: lastUpdate.seq,
        updates: run.updates.length,
        lines,
        itemIds: [...diff.added, ...diff.removed, ...diff.changed].map((item) => item.id),
      });
    }
    before = after;
  }
  const nextBefore = first.seq - 1 > 0 ? first.seq - 1 : null;
  return { groups: groups.reverse(), nextBefore };
}
