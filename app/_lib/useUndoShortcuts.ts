"use client";

import { useEffect } from "react";
import type * as Y from "yjs";
import type { TransactionOrigin } from "@/lib/board/origins";
import { createUndoManager } from "@/lib/board/undo";

/**
 * Ctrl/Cmd-Z undoes and Ctrl/Cmd-Shift-Z (or Ctrl-Y) redoes this user's own changes only,
 * everywhere on the page, text fields included: their edits are document edits too.
 */
export function useUndoShortcuts(doc: Y.Doc, origin: TransactionOrigin, readOnly: boolean): void {
  useEffect(() => {
    if (readOnly) return;
    const undoManager = createUndoManager(doc, origin);
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      const redo = (key === "z" && event.shiftKey) || (key === "y" && !event.shiftKey);
      const undo = key === "z" && !event.shiftKey;
      if (!undo && !redo) return;
      event.preventDefault();
      if (redo) undoManager.redo();
      else undoManager.undo();
    };
    window.addEventListener("keydown", onKeyDown);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      undoManager.destroy();
    };
  }, [doc, origin, readOnly]);
}
