import type { BoardContent } from "../../lib/board/types";

type Fields = Record<string, unknown>;
type Collection = Record<string, Fields>;

const COLLECTIONS = ["models", "initiatives", "links", "notes"] as const;

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `live` with each field that differs between `base` and `target` set as in `target`. */
function restoreFields(live: Fields, base: Fields, target: Fields): Fields {
  const result: Fields = { ...live };
  for (const name of new Set([...Object.keys(base), ...Object.keys(target)])) {
    if (same(base[name], target[name])) continue;
    if (name in target) result[name] = target[name];
    else delete result[name];
  }
  return result;
}

function restoreCollection(live: Collection, base: Collection, target: Collection): Collection {
  const result: Collection = { ...live };
  for (const id of new Set([...Object.keys(base), ...Object.keys(target)])) {
    const was = base[id];
    const wanted = target[id];
    if (!wanted) {
      delete result[id];
    } else if (!was) {
      result[id] = wanted;
    } else if (!same(was, wanted)) {
      const current = live[id];
      result[id] = current ? restoreFields(current, was, wanted) : wanted;
    }
  }
  return result;
}

/**
 * The content a restore writes. `base` is the board when the restore was asked for, `target`
 * the version, `live` the document at the moment of writing. Only what differs between base
 * and target is changed, so an edit that landed in between (another field, another item) is
 * kept; where both touched the same field, the restore wins.
 */
export function restoredContent(live: BoardContent, base: BoardContent, target: BoardContent): BoardContent {
  const result = { ...live, meta: restoreFields(live.meta, base.meta, target.meta) as BoardContent["meta"] };
  for (const key of COLLECTIONS) {
    (result as Record<string, unknown>)[key] = restoreCollection(live[key], base[key], target[key]);
  }
  return result;
}
