import * as Y from "yjs";
import { createInitiative, createLink } from "@/lib/board/mutations";
import type { TransactionOrigin } from "@/lib/board/origins";
import { boardMaps, modelMap, readInitiative, readLink, readModel } from "@/lib/board/schema";
import type { InitiativeContent, LinkContent, ModelContent } from "@/lib/board/types";
import type { Point } from "@/lib/board/geometry";

/**
 * Copy and paste of initiatives as JSON on the system clipboard, so it works within a board and
 * across boards (even across tabs). The payload carries the links among the copied cards and
 * the models they use, so a custom model travels with its cards instead of turning into
 * "no model" on the other board.
 */

export const CLIPBOARD_KIND = "modelmap/initiatives";
/** A paste larger than this is refused rather than freezing the tab. */
export const CLIPBOARD_MAX_ITEMS = 5000;

export interface ClipboardPayload {
  kind: typeof CLIPBOARD_KIND;
  version: 1;
  initiatives: InitiativeContent[];
  links: LinkContent[];
  models: ModelContent[];
}

export function copyInitiatives(doc: Y.Doc, ids: readonly string[]): ClipboardPayload | null {
  const maps = boardMaps(doc);
  const initiatives: InitiativeContent[] = [];
  const modelIds = new Set<string>();
  for (const id of new Set(ids)) {
    const map = maps.initiatives.get(id);
    if (!map) continue;
    const initiative = readInitiative(id, map);
    initiatives.push(initiative);
    for (const field of ["modelId", "teamShapeId", "collaborationId"]) {
      const value = initiative[field];
      if (typeof value === "string") modelIds.add(value);
    }
  }
  if (initiatives.length === 0) return null;
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
  return { kind: CLIPBOARD_KIND, version: 1, initiatives, links, models };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The payload in clipboard text, or null for anything else (plain text, other apps' JSON). */
export function parseClipboardPayload(text: string): ClipboardPayload | null {
  if (!text.includes(CLIPBOARD_KIND)) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return null;
  }
  if (!isRecord(raw) || raw.kind !== CLIPBOARD_KIND || !Array.isArray(raw.initiatives)) return null;
  const initiatives = raw.initiatives.filter(
    (item): item is InitiativeContent =>
      isRecord(item) && typeof item.id === "string" && typeof item.x === "number" && typeof item.y === "number" && Number.isFinite(item.x) && Number.isFinite(item.y),
  );
  const links = (Array.isArray(raw.links) ? raw.links : []).filter(
    (item): item is LinkContent => isRecord(item) && typeof item.from === "string" && typeof item.to === "string",
  );
  const models = (Array.isArray(raw.models) ? raw.models : []).filter(
    (item): item is ModelContent => isRecord(item) && typeof item.id === "string" && typeof item.name === "string",
  );
  if (initiatives.length === 0 || initiatives.length + links.length > CLIPBOARD_MAX_ITEMS) return null;
  return { kind: CLIPBOARD_KIND, version: 1, initiatives, links, models };
}

/**
 * Pastes as one transaction (one undo step): the cards keep their arrangement with its top-left
 * corner at `at`; models the board lacks are added under their own ids; returns the new ids.
 */
export function pastePayload(doc: Y.Doc, payload: ClipboardPayload, at: Point, origin: TransactionOrigin): string[] {
  const maps = boardMaps(doc);
  const left = Math.min(...payload.initiatives.map((initiative) => initiative.x));
  const top = Math.min(...payload.initiatives.map((initiative) => initiative.y));
  const newIds = new Map<string, string>();
  doc.transact(() => {
    for (const model of payload.models) {
      if (!maps.models.has(model.id)) maps.models.set(model.id, modelMap(model));
    }
    for (const initiative of payload.initiatives) {
      const { id, ...fields } = initiative;
      const copyId = createInitiative(
        doc,
        { ...fields, x: Math.round(at.x + initiative.x - left), y: Math.round(at.y + initiative.y - top) },
        origin,
      );
      newIds.set(id, copyId);
    }
    for (const link of payload.links) {
      const from = newIds.get(link.from);
      const to = newIds.get(link.to);
      if (!from || !to) continue;
      const { id: _id, from: _from, to: _to, ...fields } = link;
      createLink(doc, { ...fields, from, to, label: typeof fields.label === "string" ? fields.label : "" }, origin);
    }
  }, origin);
  return Array.from(newIds.values());
}
