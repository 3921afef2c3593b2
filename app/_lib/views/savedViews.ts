import * as Y from "yjs";
import { newId } from "@/lib/board/mutations";
import type { TransactionOrigin } from "@/lib/board/origins";
import type { ViewOptions } from "@/lib/board/projections";
import { parseFilters, type BoardFilters } from "./filters";
import { parseViewOptions } from "./viewOptions";

/**
 * Saved views live in the board document (a top-level `views` map beside the contract's types),
 * so everyone on the board sees the same list and history records who saved what. Each entry is
 * a Y.Map `{ name, view, filters, createdBy, createdAt }` with `view` and `filters` as plain JSON.
 */

export interface SavedView {
  id: string;
  name: string;
  view: ViewOptions;
  filters: BoardFilters;
  createdBy: string;
  createdAt: string;
}

export const SAVED_VIEW_NAME_MAX = 80;

export function savedViewsMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap("views");
}

export function readSavedViews(doc: Y.Doc): SavedView[] {
  const views: SavedView[] = [];
  savedViewsMap(doc).forEach((entry, id) => {
    if (!(entry instanceof Y.Map)) return;
    const name = entry.get("name");
    if (typeof name !== "string" || !name.trim()) return;
    const createdBy = entry.get("createdBy");
    const createdAt = entry.get("createdAt");
    views.push({
      id,
      name,
      view: parseViewOptions(entry.get("view")),
      filters: parseFilters(entry.get("filters")),
      createdBy: typeof createdBy === "string" ? createdBy : "",
      createdAt: typeof createdAt === "string" ? createdAt : "",
    });
  });
  return views.sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** Saves a view; a name already in use is overwritten, so "Q3 rings" stays one entry. */
export function saveView(
  doc: Y.Doc,
  fields: { name: string; view: ViewOptions; filters: BoardFilters },
  origin: TransactionOrigin,
  now: Date = new Date(),
): string {
  const name = fields.name.trim().slice(0, SAVED_VIEW_NAME_MAX);
  if (!name) throw new Error("a saved view needs a name");
  const existing = readSavedViews(doc).find((view) => view.name.toLowerCase() === name.toLowerCase());
  const id = existing?.id ?? newId("view");
  const entry = new Y.Map<unknown>();
  entry.set("name", name);
  entry.set("view", { ...fields.view });
  entry.set("filters", { ...fields.filters });
  entry.set("createdBy", origin.kind === "local-user" ? origin.userName : "");
  entry.set("createdAt", now.toISOString());
  doc.transact(() => savedViewsMap(doc).set(id, entry), origin);
  return id;
}

export function deleteSavedView(doc: Y.Doc, id: string, origin: TransactionOrigin): boolean {
  const map = savedViewsMap(doc);
  if (!map.has(id)) return false;
  doc.transact(() => map.delete(id), origin);
  return true;
}
