"use client";

import { createContext, useContext } from "react";

/** Opens the link panel for one link; `focusLabel` puts the caret in its label field. */
export interface LinkEditor {
  openLink: (linkId: string, focusLabel: boolean) => void;
}

export const LinkEditorContext = createContext<LinkEditor | null>(null);

export function useLinkEditor(): LinkEditor {
  const editor = useContext(LinkEditorContext);
  if (!editor) throw new Error("useLinkEditor outside a board");
  return editor;
}
