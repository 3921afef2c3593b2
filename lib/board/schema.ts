import * as Y from "yjs";
import { DEFAULT_MODELS } from "./models";
import type { TransactionOrigin } from "./origins";
import type {
  BoardContent,
  InitiativeContent,
  LinkContent,
  ModelContent,
  NoteContent,
} from "./types";

/** Bumped when the document layout changes; migrations read it. */
export const SCHEMA_VERSION = 1;

/** Initiative fields stored as Y.Text so concurrent typing merges per character. */
export const INITIATIVE_TEXT_FIELDS = ["title", "notes", "bet"] as const;
/** Note fields stored as Y.Text. */
export const NOTE_TEXT_FIELDS = ["text"] as const;

export type InitiativeMap = Y.Map<unknown>;

export interface BoardMaps {
  meta: Y.Map<unknown>;
  models: Y.Map<Y.Map<unknown>>;
  initiatives: Y.Map<InitiativeMap>;
  links: Y.Map<Y.Map<unknown>>;
  notes: Y.Map<Y.Map<unknown>>;
}

/** The contract's top-level shared types. Names never change. */
export function boardMaps(doc: Y.Doc): BoardMaps {
  return {
    meta: doc.getMap("meta"),
    models: doc.getMap("models"),
    initiatives: doc.getMap("initiatives"),
    links: doc.getMap("links"),
    notes: doc.getMap("notes"),
  };
}

/** Plain value of one Y.Map entry: Y.Text becomes its string, nested Y types become JSON. */
function plainValue(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.Map || value instanceof Y.Array) return value.toJSON();
  return value;
}

function plainRecord(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  map.forEach((value, key) => {
    out[key] = plainValue(value);
  });
  return out;
}

function num(value: unknown, fallback = 0): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function str(value: unknown, fallback = ""): string {
  return typeof value === "string" ? value : fallback;
}

export function readModel(id: string, map: Y.Map<unknown>): ModelContent {
  const raw = plainRecord(map);
  return {
    ...raw,
    id,
    name: str(raw.name),
    summary: str(raw.summary),
    good: str(raw.good),
    risk: str(raw.risk),
    color: str(raw.color, "#64748b"),
    family: str(raw.family),
  };
}

export function readInitiative(id: string, map: Y.Map<unknown>): InitiativeContent {
  const raw = plainRecord(map);
  return {
    ...raw,
    id,
    title: str(raw.title),
    notes: str(raw.notes),
    modelId: typeof raw.modelId === "string" ? raw.modelId : null,
    owner: str(raw.owner),
    status: str(raw.status),
    x: num(raw.x),
    y: num(raw.y),
  };
}

export function readLink(id: string, map: Y.Map<unknown>): LinkContent {
  const raw = plainRecord(map);
  return { ...raw, id, from: str(raw.from), to: str(raw.to), label: str(raw.label) };
}

export function readNote(id: string, map: Y.Map<unknown>): NoteContent {
  const raw = plainRecord(map);
  return { ...raw, id, text: str(raw.text), x: num(raw.x), y: num(raw.y), color: str(raw.color, "#fde68a") };
}

function readAll<T>(map: Y.Map<Y.Map<unknown>>, read: (id: string, m: Y.Map<unknown>) => T): Record<string, T> {
  const out: Record<string, T> = {};
  map.forEach((value, key) => {
    if (value instanceof Y.Map) out[key] = read(key, value);
  });
  return out;
}

/** The whole board as plain JSON: the export format and the input of diffs and projections. */
export function readBoard(doc: Y.Doc): BoardContent {
  const maps = boardMaps(doc);
  const meta = plainRecord(maps.meta);
  return {
    meta: { ...meta, schemaVersion: num(meta.schemaVersion, SCHEMA_VERSION), title: str(meta.title) },
    models: readAll(maps.models, readModel),
    initiatives: readAll(maps.initiatives, readInitiative),
    links: readAll(maps.links, readLink),
    notes: readAll(maps.notes, readNote),
  };
}

function toYValue(field: string, value: unknown, textFields: readonly string[]): unknown {
  if (textFields.includes(field)) return new Y.Text(typeof value === "string" ? value : "");
  return value === undefined ? null : value;
}

/** A Y.Map for one item built from plain fields (Y.Text for the text fields). */
export function itemMap(
  fields: Record<string, unknown>,
  textFields: readonly string[] = [],
): Y.Map<unknown> {
  const map = new Y.Map<unknown>();
  // A map not yet in a document answers `has` with false for everything, so track keys here.
  const written = new Set<string>();
  for (const [key, value] of Object.entries(fields)) {
    if (key === "id" || value === undefined) continue;
    map.set(key, toYValue(key, value, textFields));
    written.add(key);
  }
  for (const field of textFields) if (!written.has(field)) map.set(field, new Y.Text(""));
  return map;
}

export function modelMap(model: ModelContent): Y.Map<unknown> {
  return itemMap({ ...model });
}

export interface InitializeOptions {
  title: string;
  models?: readonly ModelContent[];
}

/**
 * Fills an empty document with the schema: meta and the default model library. Runs as one
 * transaction with the given origin (an `import` from the template for new boards).
 */
export function initializeBoard(
  doc: Y.Doc,
  options: InitializeOptions,
  origin: TransactionOrigin = { kind: "import", source: "template" },
): void {
  const maps = boardMaps(doc);
  doc.transact(() => {
    maps.meta.set("schemaVersion", SCHEMA_VERSION);
    maps.meta.set("title", options.title);
    for (const model of options.models ?? DEFAULT_MODELS) maps.models.set(model.id, modelMap(model));
  }, origin);
}

/**
 * Replaces the document's content with `content` inside the current or a new transaction.
 * Items are updated field by field where they exist, so a restore touches only what differs.
 */
export function writeBoardContent(doc: Y.Doc, content: BoardContent, origin: TransactionOrigin): void {
  const maps = boardMaps(doc);
  doc.transact(() => {
    for (const [key, value] of Object.entries(content.meta)) {
      if (maps.meta.get(key) !== value) maps.meta.set(key, value);
    }
    maps.meta.forEach((_value, key) => {
      if (!(key in content.meta)) maps.meta.delete(key);
    });
    syncCollection(maps.models, content.models, []);
    syncCollection(maps.initiatives, content.initiatives, INITIATIVE_TEXT_FIELDS);
    syncCollection(maps.links, content.links, []);
    syncCollection(maps.notes, content.notes, NOTE_TEXT_FIELDS);
  }, origin);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function syncCollection(
  target: Y.Map<Y.Map<unknown>>,
  wanted: Record<string, { id: string; [field: string]: unknown }>,
  textFields: readonly string[],
): void {
  for (const key of Array.from(target.keys())) {
    if (!(key in wanted)) target.delete(key);
  }
  for (const [id, item] of Object.entries(wanted)) {
    const existing = target.get(id);
    if (!(existing instanceof Y.Map)) {
      target.set(id, itemMap(item, textFields));
      continue;
    }
    for (const [field, value] of Object.entries(item)) {
      if (field === "id") continue;
      const current = existing.get(field);
      if (textFields.includes(field)) {
        const next = typeof value === "string" ? value : "";
        if (current instanceof Y.Text) {
          if (current.toString() !== next) replaceText(current, next);
        } else {
          existing.set(field, new Y.Text(next));
        }
      } else if (!sameJson(plainValue(current), value)) {
        existing.set(field, value === undefined ? null : value);
      }
    }
    for (const field of Array.from(existing.keys())) {
      if (!(field in item)) existing.delete(field);
    }
  }
}

/** Rewrites a Y.Text with the smallest common-prefix/suffix edit, keeping concurrent typing. */
export function replaceText(text: Y.Text, next: string): void {
  const current = text.toString();
  if (current === next) return;
  let start = 0;
  while (start < current.length && start < next.length && current[start] === next[start]) start++;
  let endCurrent = current.length;
  let endNext = next.length;
  while (endCurrent > start && endNext > start && current[endCurrent - 1] === next[endNext - 1]) {
    endCurrent--;
    endNext--;
  }
  if (endCurrent > start) text.delete(start, endCurrent - start);
  if (endNext > start) text.insert(start, next.slice(start, endNext));
}

/** An empty content value (a fresh board before initialisation). */
export function emptyBoardContent(title = ""): BoardContent {
  return { meta: { schemaVersion: SCHEMA_VERSION, title }, models: {}, initiatives: {}, links: {}, notes: {} };
}
