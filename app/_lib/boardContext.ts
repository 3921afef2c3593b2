"use client";

import { createContext, useContext } from "react";
import type * as Y from "yjs";
import type { TransactionOrigin } from "@/lib/board/origins";
import type { ModelContent } from "@/lib/board/types";
import type { PresenceStore } from "./presence";

/** What every board component needs: the document, who is editing, and whether they may. */
export interface BoardSession {
  doc: Y.Doc;
  origin: TransactionOrigin;
  readOnly: boolean;
  models: ReadonlyMap<string, ModelContent>;
  presence: PresenceStore;
  /** Opens the rationale prompt before a primary model change is written. */
  requestModelChange: (initiativeId: string, modelId: string | null) => void;
  /** The card whose title is being edited inline, if any. */
  editingTitleId: string | null;
  setEditingTitleId: (id: string | null) => void;
}

export const BoardSessionContext = createContext<BoardSession | null>(null);

export function useBoardSession(): BoardSession {
  const session = useContext(BoardSessionContext);
  if (!session) throw new Error("useBoardSession outside a board");
  return session;
}
