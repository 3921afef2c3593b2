import * as Y from "yjs";
import type { TransactionOrigin } from "./origins";
import { boardMaps } from "./schema";

/** Typing pauses shorter than this merge into one undo step. */
const UNDO_CAPTURE_TIMEOUT_MS = 500;

/** Which fields a transaction changed: each shared type with the keys it changed (`null` for text). */
type ChangedFields = Map<object, ReadonlySet<string | null>>;

function sameFields(a: ChangedFields, b: ChangedFields): boolean {
  if (a.size !== b.size) return false;
  for (const [type, keys] of a) {
    const other = b.get(type);
    if (!other || other.size !== keys.size) return false;
    for (const key of keys) if (!other.has(key)) return false;
  }
  return true;
}

/**
 * Per-user undo: tracks exactly the given origin object (compared by identity), so remote
 * edits, restores, imports and migrations never enter this user's undo stack. Pass the same
 * origin object to every mutation the local user makes.
 *
 * Quick successive edits merge into one step only while they change the same fields (typing
 * into one title, one owner field, nudging one card). Yjs alone merges everything inside the
 * capture timeout, so a card duplicated right after typing its title was undone together with
 * the title and the card itself (issue #3).
 */
export function createUndoManager(doc: Y.Doc, origin: TransactionOrigin): Y.UndoManager {
  const maps = boardMaps(doc);
  const scope = [maps.meta, maps.models, maps.initiatives, maps.links, maps.notes];
  const inScope: ReadonlySet<object> = new Set(scope);
  let previousFields: ChangedFields | null = null;
  const undoManager: Y.UndoManager = new Y.UndoManager(scope, {
    trackedOrigins: new Set([origin]),
    captureTimeout: UNDO_CAPTURE_TIMEOUT_MS,
    // Yjs asks this right before it decides whether to merge a transaction into the last step,
    // which makes it the one place to end a step when the fields change. It never refuses one.
    captureTransaction: (transaction) => {
      if (transaction.origin !== origin || !Array.from(transaction.changedParentTypes.keys()).some((type) => inScope.has(type))) return true;
      const fields: ChangedFields = new Map(Array.from(transaction.changed, ([type, keys]) => [type, new Set(keys)]));
      if (previousFields && !sameFields(previousFields, fields)) undoManager.stopCapturing();
      previousFields = fields;
      return true;
    },
  });
  return undoManager;
}
