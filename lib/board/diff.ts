import { noteLabel } from "./noteKinds";
import type { BoardContent, ItemKind, ModelContent } from "./types";

/**
 * The semantic diff of two materialised board states (contract: GET /api/boards/:id/changes).
 * It speaks in domain terms — items added, removed, fields changed — and a changed `modelId`
 * is an ordinary field change that `modelReassignments` and `summarizeDiff` single out.
 */

export interface DiffItem {
  id: string;
  kind: ItemKind;
  /** A readable name: the initiative or model name, "A → B" for a link, the note's opening. */
  title: string;
  /** The item's content (as it was for removed items, as it is for added ones). */
  item: Record<string, unknown>;
  authors: string[];
}

export interface FieldChange {
  from: unknown;
  to: unknown;
}

export interface DiffChange {
  id: string;
  kind: ItemKind;
  title: string;
  fields: Record<string, FieldChange>;
  authors: string[];
}

export interface BoardDiff {
  from: string;
  to: string;
  added: DiffItem[];
  removed: DiffItem[];
  changed: DiffChange[];
  /** Board-level fields (the title) that changed; present only when something did. */
  meta?: Record<string, FieldChange>;
}

export interface DiffOptions {
  from: string;
  to: string;
  /** Who touched each item between the two states (from the update log). */
  authorsById?: Record<string, string[]>;
}

const COLLECTIONS: readonly { key: "initiatives" | "models" | "links" | "notes"; kind: ItemKind }[] = [
  { key: "initiatives", kind: "initiative" },
  { key: "models", kind: "model" },
  { key: "links", kind: "link" },
  { key: "notes", kind: "note" },
];

const NOTE_TITLE_LENGTH = 40;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `undefined` is not JSON; an absent field reads as null in a diff. */
function jsonValue(value: unknown): unknown {
  return value === undefined ? null : value;
}

function initiativeTitle(id: string, boards: readonly BoardContent[]): string {
  for (const board of boards) {
    const initiative = board.initiatives[id];
    if (initiative) return initiative.title || "(untitled)";
  }
  return "(deleted initiative)";
}

function itemTitle(kind: ItemKind, item: Record<string, unknown>, boards: readonly BoardContent[]): string {
  switch (kind) {
    case "initiative":
      return String(item.title ?? "") || "(untitled)";
    case "model":
      return String(item.name ?? "") || "(unnamed model)";
    case "link":
      return `${initiativeTitle(String(item.from), boards)} → ${initiativeTitle(String(item.to), boards)}`;
    case "note":
      return noteLabel({ text: String(item.text ?? ""), kind: item.kind }, NOTE_TITLE_LENGTH);
  }
}

function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, FieldChange> {
  const fields: Record<string, FieldChange> = {};
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  names.delete("id");
  for (const name of Array.from(names).sort()) {
    if (!sameJson(before[name], after[name])) fields[name] = { from: jsonValue(before[name]), to: jsonValue(after[name]) };
  }
  return fields;
}

export function diffBoards(a: BoardContent, b: BoardContent, options: DiffOptions): BoardDiff {
  const authorsOf = (id: string) => [...(options.authorsById?.[id] ?? [])];
  const diff: BoardDiff = { from: options.from, to: options.to, added: [], removed: [], changed: [] };
  for (const { key, kind } of COLLECTIONS) {
    const before: Record<string, Record<string, unknown>> = a[key];
    const after: Record<string, Record<string, unknown>> = b[key];
    for (const [id, item] of Object.entries(after)) {
      const old = before[id];
      if (!old) {
        diff.added.push({ id, kind, title: itemTitle(kind, item, [b, a]), item, authors: authorsOf(id) });
        continue;
      }
      const fields = changedFields(old, item);
      if (Object.keys(fields).length > 0) {
        diff.changed.push({ id, kind, title: itemTitle(kind, item, [b, a]), fields, authors: authorsOf(id) });
      }
    }
    for (const [id, item] of Object.entries(before)) {
      if (!(id in after)) diff.removed.push({ id, kind, title: itemTitle(kind, item, [a, b]), item, authors: authorsOf(id) });
    }
  }
  const meta = changedFields(a.meta, b.meta);
  if (Object.keys(meta).length > 0) diff.meta = meta;
  return diff;
}

export function isEmptyDiff(diff: BoardDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0 && !diff.meta;
}

export interface ModelReassignment {
  id: string;
  title: string;
  fromModelId: string | null;
  toModelId: string | null;
  /** The rationale the initiative holds in the later state, if any. */
  rationale: string | null;
  authors: string[];
}

/** The initiatives whose primary model changed, with the rationale given for the change. */
export function modelReassignments(diff: BoardDiff, to: BoardContent): ModelReassignment[] {
  return diff.changed
    .filter((change) => change.kind === "initiative" && "modelId" in change.fields)
    .map((change) => {
      const field = change.fields.modelId as FieldChange;
      const rationale = to.initiatives[change.id]?.rationale;
      return {
        id: change.id,
        title: change.title,
        fromModelId: typeof field.from === "string" ? field.from : null,
        toModelId: typeof field.to === "string" ? field.to : null,
        rationale: typeof rationale === "string" && rationale ? rationale : null,
        authors: change.authors,
      };
    });
}

function modelLabel(models: Record<string, ModelContent>, id: unknown): string {
  if (typeof id !== "string") return "no model";
  return models[id]?.name ?? "no model";
}

function byAuthors(authors: readonly string[]): string {
  return authors.length > 0 ? ` (${authors.join(", ")})` : "";
}

const POSITION_FIELDS = new Set(["x", "y"]);
/** Bookkeeping that accompanies another change and would only repeat it. */
const COMPANION_FIELDS = new Set(["modelChangedAt", "rationale", "confidenceAt"]);

/** Human lines for a diff: "re-modelled X from A to B", "moved X", "retitled A to B", … */
export function summarizeDiff(diff: BoardDiff, models: Record<string, ModelContent>): string[] {
  const lines: string[] = [];
  if (diff.meta?.title) lines.push(`renamed the board from "${diff.meta.title.from}" to "${diff.meta.title.to}"`);
  for (const item of diff.added) lines.push(`added ${item.kind} "${item.title}"${byAuthors(item.authors)}`);
  for (const item of diff.removed) lines.push(`removed ${item.kind} "${item.title}"${byAuthors(item.authors)}`);
  for (const change of diff.changed) {
    const who = byAuthors(change.authors);
    const fields = change.fields;
    const retitled = change.kind === "initiative" && fields.title !== undefined;
    if (fields.modelId) {
      const rationale = fields.rationale?.to;
      const why = typeof rationale === "string" && rationale ? `: ${rationale}` : "";
      lines.push(
        `re-modelled "${change.title}" from ${modelLabel(models, fields.modelId.from)} to ${modelLabel(models, fields.modelId.to)}${why}${who}`,
      );
    }
    if (retitled && fields.title) {
      lines.push(`retitled "${String(fields.title.from)}" to "${String(fields.title.to)}"${who}`);
    }
    if (fields.x || fields.y) lines.push(`moved ${change.kind} "${change.title}"${who}`);
    const others = Object.keys(fields).filter(
      (name) =>
        !POSITION_FIELDS.has(name) &&
        name !== "modelId" &&
        !(retitled && name === "title") &&
        !(fields.modelId && COMPANION_FIELDS.has(name)),
    );
    if (others.length > 0) lines.push(`changed ${others.join(", ")} of ${change.kind} "${change.title}"${who}`);
  }
  return lines;
}
