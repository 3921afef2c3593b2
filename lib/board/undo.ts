import * as Y from "yjs";
import type { TransactionOrigin } from "./origins";
import { boardMaps } from "./schema";

/** Typing pauses shorter than this merge into one undo step. */
const UNDO_CAPTURE_TIMEOUT_MS = 500;

/**
 * Per-user undo: tracks exactly the given origin object (compared by identity), so remote
 * edits, restores, imports and migrations never enter this user's undo stack. Pass the same
 * origin object to every mutation the local user makes.
 */
export function createUndoManager(doc: Y.Doc, origin: TransactionOrigin): Y.UndoManager {
  const maps = boardMaps(doc);
  return new Y.UndoManager([maps.meta, maps.models, maps.initiatives, maps.links, maps.notes], {
    trackedOrigins: new Set([origin]),
    captureTimeout: UNDO_CAPTURE_TIMEOUT_MS,
  });
}
