import * as Y from "yjs";
import { readInitiative } from "../../lib/board/schema";
import type { InitiativeContent } from "../../lib/board/types";
import type { Storage, StoredUpdate } from "../storage/types";
import { materializeAt } from "./materialize";
import { applyQuietly } from "./timeline";
import { TouchScanner } from "./touches";

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
/** Beyond this many updates to replay, jumping to a checkpoint is cheaper. */
const REPLAY_LIMIT = 200;

function initiativeIn(doc: Y.Doc, id: string): InitiativeContent | null {
  const map = doc.getMap<Y.Map<unknown>>("initiatives").get(id);
  return map instanceof Y.Map ? readInitiative(id, map) : null;
}

function modelName(doc: Y.Doc, modelId: unknown): string | null {
  if (typeof modelId !== "string") return null;
  const name = doc.getMap<Y.Map<unknown>>("models").get(modelId)?.get("name");
  return typeof name === "string" ? name : null;
}

function entriesFor(update: StoredUpdate, before: InitiativeContent | null, after: InitiativeContent | null, doc: Y.Doc): CardHistoryEntry[] {
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
      entry.fromLabel = modelName(doc, from);
      entry.toLabel = modelName(doc, to);
      entry.rationale = typeof after.rationale === "string" && after.rationale ? after.rationale : null;
    }
    entries.push(entry);
  }
  return entries;
}

/** Index of the first update with seq > `seq` (updates are in seq order). */
function firstIndexAfter(updates: readonly StoredUpdate[], seq: number): number {
  let low = 0;
  let high = updates.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((updates[middle] as StoredUpdate).seq > seq) high = middle;
    else low = middle + 1;
  }
  return low;
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

/**
 * Every change of an initiative's title, model, status, confidence and owner, newest first.
 * The log is decoded once to find the updates that touched it; only around those is the
 * document replayed, jumping over long untouched stretches by way of checkpoints.
 */
export async function initiativeHistory(storage: Storage, boardId: string, initiativeId: string, headSeq: number): Promise<CardHistoryEntry[]> {
  const updates = await storage.readUpdates(boardId, 0, headSeq);
  const initial = await materializeAt(storage, boardId, 0);
  const scanner = new TouchScanner(initial);
  const touching = updates.filter((update) => scanner.scan(update).itemIds.includes(initiativeId));
  initial.destroy();
  const entries: CardHistoryEntry[] = [];
  let doc: Y.Doc | null = null;
  let docSeq = 0;
  let position = 0;
  try {
    for (const update of touching) {
      if (!doc || update.seq - 1 - docSeq > REPLAY_LIMIT) {
        doc?.destroy();
        doc = await materializeAt(storage, boardId, update.seq - 1);
        docSeq = update.seq - 1;
        position = firstIndexAfter(updates, docSeq);
      }
      while (position < updates.length && (updates[position] as StoredUpdate).seq < update.seq) {
        applyQuietly(doc, (updates[position] as StoredUpdate).data);
        position += 1;
      }
      const before = initiativeIn(doc, initiativeId);
      applyQuietly(doc, update.data);
      position += 1;
      docSeq = update.seq;
      entries.push(...entriesFor(update, before, initiativeIn(doc, initiativeId), doc));
    }
  } finally {
    doc?.destroy();
  }
  return coalesce(entries).reverse();
}
