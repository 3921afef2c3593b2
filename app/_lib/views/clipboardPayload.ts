import * as Y from "yjs";
import type { z } from "zod";
import { frameMembers } from "@/lib/board/frames";
import type { Point } from "@/lib/board/geometry";
import { createInitiative, createLink, createNote, type NewNoteFields } from "@/lib/board/mutations";
import { initiativeBox, noteBox, noteKindOf, type Box } from "@/lib/board/noteKinds";
import type { TransactionOrigin } from "@/lib/board/origins";
import { boardMaps, modelMap, readBoard, readInitiative, readLink, readModel, readNote } from "@/lib/board/schema";
import type { InitiativeContent, LinkContent, ModelContent, NoteContent } from "@/lib/board/types";
import { initiativeSchema, linkSchema, modelSchema, noteSchema } from "@/lib/board/validate";

/**
 * Copy and paste of board items as JSON on the system clipboard, so it works within a board and
 * across boards (even across tabs): initiatives, sticky notes, free text and frames (a frame
 * brings what it holds, as it does when dragged). The payload carries the links among the copied
 * cards and the models they use, so a custom model travels with its cards instead of turning
 * into "no model" on the other board.
 */

export const CLIPBOARD_KIND = "modelmap/items";
/** What the first version (initiatives and links only) wrote; still pasted. */
const LEGACY_CLIPBOARD_KIND = "modelmap/initiatives";
/** A paste larger than this is refused rather than freezing the tab. */
export const CLIPBOARD_MAX_ITEMS = 5000;

export interface ClipboardPayload {
  kind: typeof CLIPBOARD_KIND;
  version: 2;
  initiatives: InitiativeContent[];
  notes: NoteContent[];
  links: LinkContent[];
  models: ModelContent[];
}

/** The selected items plus everything the selected frames hold. */
function withFrameMembers(doc: Y.Doc, ids: ReadonlySet<string>): Set<string> {
  const notes = boardMaps(doc).notes;
  const frames = Array.from(ids).filter((id) => {
    const map = notes.get(id);
    return map !== undefined && noteKindOf(readNote(id, map)) === "frame";
  });
  if (frames.length === 0) return new Set(ids);
  const content = readBoard(doc);
  const all = new Set(ids);
  for (const frame of frames) {
    const members = frameMembers(content, frame);
    for (const id of [...members.initiatives, ...members.notes]) all.add(id);
  }
  return all;
}

/** The payload for the items `ids` (unknown ids are skipped), or null when none is left. */
export function copyItems(doc: Y.Doc, ids: readonly string[]): ClipboardPayload | null {
  const maps = boardMaps(doc);
  const initiatives: InitiativeContent[] = [];
  const notes: NoteContent[] = [];
  const modelIds = new Set<string>();
  for (const id of withFrameMembers(doc, new Set(ids))) {
    const note = maps.notes.get(id);
    if (note) notes.push(readNote(id, note));
    const map = maps.initiatives.get(id);
    if (!map) continue;
    const initiative = readInitiative(id, map);
    initiatives.push(initiative);
    for (const field of ["modelId", "teamShapeId", "collaborationId"]) {
      const value = initiative[field];
      if (typeof value === "string") modelIds.add(value);
    }
  }
  if (initiatives.length === 0 && notes.length === 0) return null;
  const copied = new Set(initiatives.map((initiative) => initiative.id));
  const links: LinkContent[] = [];
  maps.links.forEach((map, id) => {
    const link = readLink(id, map);
    if (copied.has(link.from) && copied.has(link.to)) {
      links.push(link);
      if (typeof link.mode === "string") modelIds.add(link.mode);
    }
  });
  const models: ModelContent[] = [];
  for (const id of modelIds) {
    const map = maps.models.get(id);
    if (map) models.push(readModel(id, map));
  }
  return { kind: CLIPBOARD_KIND, version: 2, initiatives, notes, links, models };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The entries of `list` that have an id and pass `schema` (clipboard text is anyone's). */
function validItems<T>(list: unknown, schema: z.ZodType): T[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((item) => {
    if (!isRecord(item) || typeof item.id !== "string") return [];
    const parsed = schema.safeParse(item);
    return parsed.success ? [{ ...(parsed.data as object), id: item.id } as T] : [];
  });
}

/** The payload in clipboard text, or null for anything else (plain text, other apps' JSON). */
export function parseClipboardPayload(text: string): ClipboardPayload | null {
  if (!text.includes(CLIPBOARD_KIND) && !text.includes(LEGACY_CLIPBOARD_KIND)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || (raw.kind !== CLIPBOARD_KIND && raw.kind !== LEGACY_CLIPBOARD_KIND)) return null;
  const count = (Array.isArray(raw.initiatives) ? raw.initiatives.length : 0) + (Array.isArray(raw.notes) ? raw.notes.length : 0) + (Array.isArray(raw.links) ? raw.links.length : 0);
  if (count > CLIPBOARD_MAX_ITEMS) return null;
  const initiatives = validItems<InitiativeContent>(raw.initiatives, initiativeSchema);
  const notes = validItems<NoteContent>(raw.notes, noteSchema);
  if (initiatives.length === 0 && notes.length === 0) return null;
  return {
    kind: CLIPBOARD_KIND,
    version: 2,
    initiatives,
    notes,
    links: validItems<LinkContent>(raw.links, linkSchema),
    models: validItems<ModelContent>(raw.models, modelSchema),
  };
}

/** The rectangle the payload's items cover, as they were placed when copied. */
export function payloadBounds(payload: ClipboardPayload): Box {
  const boxes = [...payload.initiatives.map(initiativeBox), ...payload.notes.map(noteBox)];
  const left = Math.min(...boxes.map((box) => box.x));
  const top = Math.min(...boxes.map((box) => box.y));
  return {
    x: left,
    y: top,
    width: Math.max(...boxes.map((box) => box.x + box.width)) - left,
    height: Math.max(...boxes.map((box) => box.y + box.height)) - top,
  };
}

/**
 * Pastes as one transaction (one undo step): the items keep their arrangement with its top-left
 * corner at `at`; models the board lacks are added under their own ids; returns the new ids.
 */
export function pastePayload(doc: Y.Doc, payload: ClipboardPayload, at: Point, origin: TransactionOrigin): string[] {
  const maps = boardMaps(doc);
  const bounds = payloadBounds(payload);
  const place = (item: { x: number; y: number }) => ({ x: Math.round(at.x + item.x - bounds.x), y: Math.round(at.y + item.y - bounds.y) });
  const newIds = new Map<string, string>();
  const pasted: string[] = [];
  doc.transact(() => {
    for (const model of payload.models) {
      if (!maps.models.has(model.id)) maps.models.set(model.id, modelMap(model));
    }
    for (const note of payload.notes) {
      const { id: _id, ...fields } = note;
      pasted.push(createNote(doc, { ...(fields as NewNoteFields), ...place(note) }, origin));
    }
    for (const initiative of payload.initiatives) {
      const { id, ...fields } = initiative;
      const copyId = createInitiative(doc, { ...fields, ...place(initiative) }, origin);
      newIds.set(id, copyId);
      pasted.push(copyId);
    }
    for (const link of payload.links) {
      const from = newIds.get(link.from);
      const to = newIds.get(link.to);
      if (!from || !to) continue;
      const { id: _id, from: _from, to: _to, ...fields } = link;
      createLink(doc, { ...fields, from, to, label: typeof fields.label === "string" ? fields.label : "" }, origin);
    }
  }, origin);
  return pasted;
}
