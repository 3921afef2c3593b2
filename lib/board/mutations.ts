import * as Y from "yjs";
import type { TransactionOrigin } from "./origins";
import { boardMaps, INITIATIVE_TEXT_FIELDS, itemMap, NOTE_TEXT_FIELDS, replaceText } from "./schema";
import type { InitiativeContent, ModelContent } from "./types";

/**
 * Typed edits of a board document. Each function is one transaction carrying the caller's
 * origin, so undo, history and the server can attribute it. Edits of missing items are no-ops
 * (a concurrent delete may have won) and report `false`.
 */

export type InitiativeTextField = (typeof INITIATIVE_TEXT_FIELDS)[number];

const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const ID_LENGTH = 12;

/** A URL-safe random id (72 random bits) behind a readable prefix, e.g. `ini_Zk3…`. */
export function newId(prefix: string): string {
  const bytes = new Uint8Array(ID_LENGTH);
  globalThis.crypto.getRandomValues(bytes);
  let random = "";
  // 64 symbols divide 256 evenly, so masking keeps every symbol equally likely.
  for (const byte of bytes) random += ID_ALPHABET[byte & 63];
  return prefix ? `${prefix}_${random}` : random;
}

export const DEFAULT_NOTE_COLOR = "#fde68a";
export const DEFAULT_MODEL_COLOR = "#64748b";
export const DEFAULT_STATUS = "idea";

/** Contract fields that always exist on an initiative; `undefined` never removes them. */
const REQUIRED_INITIATIVE_FIELDS = new Set(["title", "notes", "modelId", "owner", "status", "x", "y"]);

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function plain(value: unknown): unknown {
  if (value instanceof Y.Text) return value.toString();
  if (value instanceof Y.AbstractType) return value.toJSON();
  return value;
}

/**
 * Writes plain fields into an item map: text fields through a minimal Y.Text edit, other fields
 * only when their value differs (so history stays free of no-op writes), `undefined` removes an
 * optional field.
 */
function applyFields(
  map: Y.Map<unknown>,
  fields: Record<string, unknown>,
  textFields: readonly string[],
  requiredFields: ReadonlySet<string> = new Set(),
): void {
  for (const [field, value] of Object.entries(fields)) {
    if (field === "id") continue;
    if (textFields.includes(field)) {
      // Text fields always exist; `undefined` leaves one alone rather than wiping it.
      if (value !== undefined) writeText(map, field, typeof value === "string" ? value : String(value));
    } else if (value === undefined) {
      if (!requiredFields.has(field) && map.has(field)) map.delete(field);
    } else if (!map.has(field) || !sameJson(plain(map.get(field)), value)) {
      map.set(field, value);
    }
  }
}

function writeText(map: Y.Map<unknown>, field: string, value: string): void {
  const current = map.get(field);
  if (current instanceof Y.Text) replaceText(current, value);
  else map.set(field, new Y.Text(value));
}

function withoutUndefined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Initiatives

/** `id` is ignored: new items always get a fresh id. */
export type NewInitiativeFields = Partial<InitiativeContent> & { x: number; y: number };

export function createInitiative(doc: Y.Doc, fields: NewInitiativeFields, origin: TransactionOrigin): string {
  const id = newId("ini");
  const map = itemMap(
    withoutUndefined({
      ...fields,
      title: fields.title ?? "",
      notes: fields.notes ?? "",
      modelId: fields.modelId ?? null,
      owner: fields.owner ?? "",
      status: fields.status ?? DEFAULT_STATUS,
    }),
    INITIATIVE_TEXT_FIELDS,
  );
  doc.transact(() => boardMaps(doc).initiatives.set(id, map), origin);
  return id;
}

/**
 * Sets any initiative fields. Text fields go through a minimal edit; a changed `confidence`
 * stamps `confidenceAt` unless the caller gives one.
 */
export function updateInitiative(
  doc: Y.Doc,
  id: string,
  fields: Record<string, unknown>,
  origin: TransactionOrigin,
  now: Date = new Date(),
): boolean {
  const map = boardMaps(doc).initiatives.get(id);
  if (!map) return false;
  const next = { ...fields };
  if ("confidence" in next && !("confidenceAt" in next) && !sameJson(map.get("confidence"), next.confidence)) {
    next.confidenceAt = next.confidence === undefined ? undefined : now.toISOString();
  }
  doc.transact(() => applyFields(map, next, INITIATIVE_TEXT_FIELDS, REQUIRED_INITIATIVE_FIELDS), origin);
  return true;
}

export function setInitiativeText(
  doc: Y.Doc,
  id: string,
  field: InitiativeTextField,
  value: string,
  origin: TransactionOrigin,
): boolean {
  const map = boardMaps(doc).initiatives.get(id);
  if (!map) return false;
  doc.transact(() => writeText(map, field, value), origin);
  return true;
}

export function moveInitiative(doc: Y.Doc, id: string, x: number, y: number, origin: TransactionOrigin): boolean {
  return updateInitiative(doc, id, { x, y }, origin);
}

/**
 * Reassigns an initiative's primary model. The rationale belongs to this change, so an
 * assignment without one clears the previous rationale instead of leaving it misattributed.
 */
export function assignModel(
  doc: Y.Doc,
  id: string,
  modelId: string | null,
  rationale: string | undefined,
  origin: TransactionOrigin,
  now: Date = new Date(),
): boolean {
  const map = boardMaps(doc).initiatives.get(id);
  if (!map) return false;
  doc.transact(() => {
    applyFields(map, { modelId, rationale: rationale || undefined, modelChangedAt: now.toISOString() }, []);
  }, origin);
  return true;
}

/** Deletes an initiative and every link that touches it (a dangling link means nothing). */
export function deleteInitiative(doc: Y.Doc, id: string, origin: TransactionOrigin): boolean {
  const maps = boardMaps(doc);
  if (!maps.initiatives.has(id)) return false;
  doc.transact(() => {
    maps.initiatives.delete(id);
    for (const [linkId, link] of Array.from(maps.links.entries())) {
      if (link.get("from") === id || link.get("to") === id) maps.links.delete(linkId);
    }
  }, origin);
  return true;
}

/**
 * Copies initiatives (and the links among them) shifted by `offset`. Returns the new ids in the
 * order of `ids`; unknown ids are skipped.
 */
export function duplicateInitiatives(
  doc: Y.Doc,
  ids: readonly string[],
  offset: { x: number; y: number },
  origin: TransactionOrigin,
): string[] {
  const maps = boardMaps(doc);
  const copies = new Map<string, string>();
  doc.transact(() => {
    for (const id of ids) {
      const source = maps.initiatives.get(id);
      if (!source || copies.has(id)) continue;
      const fields: Record<string, unknown> = {};
      source.forEach((value, key) => {
        fields[key] = plain(value);
      });
      fields.x = (typeof fields.x === "number" ? fields.x : 0) + offset.x;
      fields.y = (typeof fields.y === "number" ? fields.y : 0) + offset.y;
      const copyId = newId("ini");
      maps.initiatives.set(copyId, itemMap(fields, INITIATIVE_TEXT_FIELDS));
      copies.set(id, copyId);
    }
    for (const link of Array.from(maps.links.values())) {
      const from = copies.get(String(link.get("from")));
      const to = copies.get(String(link.get("to")));
      if (!from || !to) continue;
      const fields: Record<string, unknown> = link.toJSON();
      maps.links.set(newId("lnk"), itemMap({ ...fields, from, to }));
    }
  }, origin);
  return Array.from(copies.values());
}

// ---------------------------------------------------------------------------------------------
// Links

export interface NewLinkFields {
  from: string;
  to: string;
  label?: string;
  /** A collaboration model id. */
  mode?: string;
  purpose?: string;
  /** ISO date the collaboration ends. */
  endsAt?: string;
  blocking?: boolean;
}

export function createLink(doc: Y.Doc, fields: NewLinkFields, origin: TransactionOrigin): string {
  const id = newId("lnk");
  const map = itemMap(withoutUndefined({ ...fields, label: fields.label ?? "" }));
  doc.transact(() => boardMaps(doc).links.set(id, map), origin);
  return id;
}

export function updateLink(doc: Y.Doc, id: string, fields: Record<string, unknown>, origin: TransactionOrigin): boolean {
  const map = boardMaps(doc).links.get(id);
  if (!map) return false;
  doc.transact(() => applyFields(map, fields, [], new Set(["from", "to", "label"])), origin);
  return true;
}

export function deleteLink(doc: Y.Doc, id: string, origin: TransactionOrigin): boolean {
  const links = boardMaps(doc).links;
  if (!links.has(id)) return false;
  doc.transact(() => links.delete(id), origin);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Notes

export interface NewNoteFields {
  text?: string;
  x: number;
  y: number;
  color?: string;
  [field: string]: unknown;
}

export function createNote(doc: Y.Doc, fields: NewNoteFields, origin: TransactionOrigin): string {
  const id = newId("note");
  const map = itemMap(
    withoutUndefined({ ...fields, text: fields.text ?? "", color: fields.color ?? DEFAULT_NOTE_COLOR }),
    NOTE_TEXT_FIELDS,
  );
  doc.transact(() => boardMaps(doc).notes.set(id, map), origin);
  return id;
}

export function updateNote(doc: Y.Doc, id: string, fields: Record<string, unknown>, origin: TransactionOrigin): boolean {
  const map = boardMaps(doc).notes.get(id);
  if (!map) return false;
  doc.transact(() => applyFields(map, fields, NOTE_TEXT_FIELDS, new Set(["x", "y", "color"])), origin);
  return true;
}

export function setNoteText(doc: Y.Doc, id: string, value: string, origin: TransactionOrigin): boolean {
  return updateNote(doc, id, { text: value }, origin);
}

export function deleteNote(doc: Y.Doc, id: string, origin: TransactionOrigin): boolean {
  const notes = boardMaps(doc).notes;
  if (!notes.has(id)) return false;
  doc.transact(() => notes.delete(id), origin);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Models

/** `id` is ignored: new items always get a fresh id. */
export type NewModelFields = Partial<ModelContent> & { name: string };

export function createModel(doc: Y.Doc, fields: NewModelFields, origin: TransactionOrigin): string {
  const id = newId("mdl");
  const map = itemMap(
    withoutUndefined({
      summary: "",
      good: "",
      risk: "",
      family: "funding",
      ...fields,
      color: fields.color ?? DEFAULT_MODEL_COLOR,
    }),
  );
  doc.transact(() => boardMaps(doc).models.set(id, map), origin);
  return id;
}

export function updateModel(doc: Y.Doc, id: string, fields: Record<string, unknown>, origin: TransactionOrigin): boolean {
  const map = boardMaps(doc).models.get(id);
  if (!map) return false;
  const required = new Set(["name", "summary", "good", "risk", "color", "family"]);
  doc.transact(() => applyFields(map, fields, [], required), origin);
  return true;
}

/**
 * Removes a model from the library. Initiatives keep the dangling id on purpose: the choice
 * stays in history and readers show "no model" while the id is missing.
 */
export function deleteModel(doc: Y.Doc, id: string, origin: TransactionOrigin): boolean {
  const models = boardMaps(doc).models;
  if (!models.has(id)) return false;
  doc.transact(() => models.delete(id), origin);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Board

export function setBoardTitle(doc: Y.Doc, title: string, origin: TransactionOrigin): void {
  const meta = boardMaps(doc).meta;
  if (meta.get("title") === title) return;
  doc.transact(() => meta.set("title", title), origin);
}
