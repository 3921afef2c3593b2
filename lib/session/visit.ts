import { diffBoards, isEmptyDiff, summarizeDiff, type BoardDiff } from "../board/diff";
import type { BoardContent } from "../board/types";

/**
 * "Since your last visit": the browser remembers the board as it was when the person was last
 * here; on return the difference to the current board becomes a short summary and a set of
 * cards to highlight. The server's history diff (with authors) is preferred when available;
 * this module works on either.
 */

export interface VisitRecord {
  /** ISO time of the last moment the person saw the board live. */
  at: string;
  board: BoardContent;
}

export interface VisitSummary {
  since: string;
  lines: string[];
  /** Initiatives and notes to outline on the canvas (added or changed; removed ones are gone). */
  highlightIds: string[];
  counts: { added: number; removed: number; changed: number };
  /** Whether the lines name authors (true when they came from server history). */
  withAuthors: boolean;
}

const VISIT_VERSION = 1;

export function encodeVisit(record: VisitRecord): string {
  return JSON.stringify({ v: VISIT_VERSION, ...record });
}

export function decodeVisit(raw: string | null): VisitRecord | null {
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as { v?: unknown; at?: unknown; board?: unknown };
    if (parsed.v !== VISIT_VERSION || typeof parsed.at !== "string" || typeof parsed.board !== "object" || parsed.board === null) return null;
    const board = parsed.board as Partial<BoardContent>;
    if (!board.initiatives || !board.models || !board.links || !board.notes || !board.meta) return null;
    return { at: parsed.at, board: board as BoardContent };
  } catch {
    return null;
  }
}

/** Position-only changes of a card are kept: "moved" is one of the things people want to see. */
export function summarizeVisitDiff(diff: BoardDiff, current: BoardContent, since: string): VisitSummary | null {
  if (isEmptyDiff(diff)) return null;
  const highlight = new Set<string>();
  for (const item of diff.added) if (item.kind === "initiative" || item.kind === "note") highlight.add(item.id);
  for (const change of diff.changed) if (change.kind === "initiative" || change.kind === "note") highlight.add(change.id);
  const withAuthors = [...diff.added, ...diff.removed, ...diff.changed].some((entry) => entry.authors.length > 0);
  return {
    since,
    lines: summarizeDiff(diff, current.models),
    highlightIds: [...highlight].filter((id) => id in current.initiatives || id in current.notes),
    counts: { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
    withAuthors,
  };
}

/** The local fallback: compare the remembered board with the current one (no authors). */
export function summarizeSinceVisit(previous: VisitRecord, current: BoardContent, now: string): VisitSummary | null {
  return summarizeVisitDiff(diffBoards(previous.board, current, { from: previous.at, to: now }), current, previous.at);
}

/** A diff from `GET /api/boards/:id/changes`, checked just enough to be used safely. */
export function parseServerDiff(value: unknown): BoardDiff | null {
  if (typeof value !== "object" || value === null) return null;
  const diff = value as Partial<BoardDiff>;
  if (!Array.isArray(diff.added) || !Array.isArray(diff.removed) || !Array.isArray(diff.changed)) return null;
  const withAuthors = <T extends { authors?: unknown }>(entries: T[]): T[] =>
    entries.map((entry) => ({ ...entry, authors: Array.isArray(entry.authors) ? entry.authors.filter((a) => typeof a === "string") : [] }));
  return {
    from: String(diff.from ?? ""),
    to: String(diff.to ?? ""),
    added: withAuthors(diff.added),
    removed: withAuthors(diff.removed),
    changed: withAuthors(diff.changed).map((change) => ({ ...change, fields: change.fields ?? {} })),
    ...(diff.meta ? { meta: diff.meta } : {}),
  };
}
