import type { BoardContent } from "../../lib/board/types";

/*
 * The history index speaks of top-level entries: "meta" (the board's fields) and
 * "<collection>/<id>" for initiatives, models, links and notes.
 */

/** Entry key → plain value after an update; null when the entry was removed. */
export type Entries = Record<string, unknown>;
/** Entry key → the people who touched it, in order of first touch. */
export type AuthorsByEntry = Record<string, string[]>;

const COLLECTIONS = ["initiatives", "models", "links", "notes"] as const;
type Collection = (typeof COLLECTIONS)[number];

export function entryKey(collection: string, id: string): string {
  return `${collection}/${id}`;
}

function collectionOf(key: string): { collection: Collection; id: string } | null {
  const slash = key.indexOf("/");
  const collection = key.slice(0, slash);
  return (COLLECTIONS as readonly string[]).includes(collection) ? { collection: collection as Collection, id: key.slice(slash + 1) } : null;
}

/** Writes a patch's entries into `content` (mutated: callers pass a freshly parsed copy). */
export function applyEntries(content: BoardContent, entries: Entries): void {
  for (const [key, value] of Object.entries(entries)) {
    if (key === "meta") {
      if (value) content.meta = value as BoardContent["meta"];
      continue;
    }
    const entry = collectionOf(key);
    if (!entry) continue;
    const records = content[entry.collection] as Record<string, unknown>;
    if (value === null) delete records[entry.id];
    else records[entry.id] = value;
  }
}

/** Adds `more` to `into`, keeping the order of first touch. */
export function mergeAuthors(into: AuthorsByEntry, more: AuthorsByEntry): void {
  for (const [key, authors] of Object.entries(more)) {
    const list = (into[key] ??= []);
    for (const author of authors) if (!list.includes(author)) list.push(author);
  }
}

/** The diff's `authorsById`: item ids for collection entries, "meta" for the board's fields. */
export function authorsById(authors: AuthorsByEntry): Record<string, string[]> {
  const byId: Record<string, string[]> = {};
  for (const [key, list] of Object.entries(authors)) byId[collectionOf(key)?.id ?? key] = list;
  return byId;
}

/** A copy whose collections may be patched without touching `content` (items are replaced, never mutated). */
export function withOwnCollections(content: BoardContent): BoardContent {
  return {
    ...content,
    models: { ...content.models },
    initiatives: { ...content.initiatives },
    links: { ...content.links },
    notes: { ...content.notes },
  };
}
