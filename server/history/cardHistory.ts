import type { InitiativeContent, ModelContent } from "../../lib/board/types";
import type { Storage } from "../storage/types";
import { entryKey } from "./entries";
import { SEGMENT_EVERY_UPDATES } from "./indexer";
import { indexedContentAt, readPatches, type ParsedPatch } from "./indexReads";
/** The fields whose every change an initiative's inspector lists. */
export const CARD_HISTORY_FIELDS = ["title", "modelId", "status", "confidence", "owner"] as const;
export type CardHistoryField = (typeof CARD_HISTORY_FIELDS)[number] | "created" | "removed";

export interface CardHistoryEntry {
  seq: number;
  at: string;
  author: string;
  field: CardHistoryField;
  from: unknown;
  to: unknown;
  /** Model names for `modelId` changes, as the board named them then. */
  fromLabel?: string | null;
  toLabel?: string | null;
  /** The rationale given with a model change. */
  rationale?: string | null;
}

/** Typing a title sends many small updates; one person's edits of a field within this merge. */
const COALESCE_MS = 60_000;
type ModelsById = Record<string, ModelContent>;

function modelName(models: ModelsById, modelId: unknown): string | null {
  if (typeof modelId !== "string") return null;
  return models[modelId]?.name ?? null;
}

function entriesFor(update: ParsedPatch, before: InitiativeContent | null, after: InitiativeContent | null, models: ModelsById): CardHistoryEntry[] {
  const base = { seq: update.seq, at: new Date(update.createdAt).toISOString(), author: update.author };
  if (!before && after) return [{ ...base, field: "created", from: null, to: after.title }];
  if (before && !after) return [{ ...base, field: "removed", from: before.title, to: null }];
  if (!before || !after) return [];
  const entries: CardHistoryEntry[] = [];
  for (const field of CARD_HISTORY_FIELDS) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    const entry: CardHistoryEntry = { ...base, field, from, to };
    if (field === "modelId") {
      entry.fromLabel = modelName(models, from);
      entry.toLabel = modelName(models, to);
      entry.rationale = typeof after.rationale === "string" && after.rationale ? after.rationale : null;
    }
    entries.push(entry);
  }
  return entries;
}

/** Consecutive title edits by one person within a minute read as one retitle. */
function coalesce(entries: CardHistoryEntry[]): CardHistoryEntry[] {
  const merged: CardHistoryEntry[] = [];
  for (const entry of entries) {
    const last = merged.at(-1);
    if (last && entry.field === "title" && last.field === "title" && last.author === entry.author && Date.parse(entry.at) - Date.parse(last.at) <= COALESCE_MS) {
      last.to = entry.to;
      last.seq = entry.seq;
      last.at = entry.at;
      continue;
    }
    merged.push({ ...entry });
  }
  return merged;
}

/** The patches up to `headSeq` that touched `key`, found by way of the segments' author lists. */
async function patchesTouching(storage: Storage, boardId: string, key: string, headSeq: number): Promise<ParsedPatch[]> {
  const quotedKey = JSON.stringify(key);
  const segments = await storage.readHistorySegmentAuthors(boardId, 0, headSeq);
  const ranges = segments.filter((segment) => segment.authors.includes(quotedKey)).map((segment) => [segment.seq - SEGMENT_EVERY_UPDATES, segment.seq]);
  ranges.push([segments.at(-1)?.seq ?? 0, headSeq]);
  const touching: ParsedPatch[] = [];
  for (const [afterSeq, uptoSeq] of ranges) {
    for (const patch of await readPatches(storage, boardId, afterSeq ?? 0, uptoSeq ?? 0)) if (key in patch.entries) touching.push(patch);
  }
  return touching;
}

/**
 * Every change of an initiative's title, model, status, confidence and owner, newest first,
 * from the history index (which must cover `headSeq`): only the segments that touched it are read.
 */
export async function initiativeHistory(storage: Storage, boardId: string, initiativeId: string, headSeq: number): Promise<CardHistoryEntry[]> {
  const key = entryKey("initiatives", initiativeId);
  const touching = await patchesTouching(storage, boardId, key, headSeq);
  const first = touching[0];
  if (!first) return [];
  const start = await indexedContentAt(storage, boardId, first.seq - 1);
  let before: InitiativeContent | null = start.initiatives[initiativeId] ?? null;
  // Model names as of the card's first change, kept current by the model edits met on the way.
  const models: ModelsById = { ...start.models };
  const entries: CardHistoryEntry[] = [];
  for (const patch of touching) {
    for (const [entry, value] of Object.entries(patch.entries)) {
      if (entry.startsWith("models/") && value) models[entry.slice("models/".length)] = value as ModelContent;
    }
    const after = (patch.entries[key] ?? null) as InitiativeContent | null;
    entries.push(...entriesFor(patch, before, after, models));
    before = after;
  }
  return coalesce(entries).reverse();
}
