"use client";

import { useStoreApi } from "@xyflow/react";
import { useCallback } from "react";
import type * as Y from "yjs";
import { frameAround } from "@/lib/board/frames";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { createNote } from "@/lib/board/mutations";
import { clearSpot, DEFAULT_FRAME_COLOR, DEFAULT_TEXT_COLOR, FRAME_DEFAULT_SIZE, TEXT_BOX, type Box } from "@/lib/board/noteKinds";
import type { TransactionOrigin } from "@/lib/board/origins";

interface WorkshopItemsOptions {
  doc: Y.Doc;
  origin: TransactionOrigin;
  readOnly: boolean;
  selectedIds: readonly string[];
  viewportCenter: () => { x: number; y: number };
  setEditingTitleId: (id: string | null) => void;
}

/** The sticky size as the canvas draws it (NoteCard: 200 wide, about 120 tall). */
const NOTE_BOX = { width: 200, height: 120 };

/**
 * Notes, free text and frames from the toolbar; each starts in edit mode, so one types right
 * away, and lands clear of what is already on screen.
 */
export function useWorkshopItems({ doc, origin, readOnly, selectedIds, viewportCenter, setEditingTitleId }: WorkshopItemsOptions) {
  const store = useStoreApi();

  /** A spot mid-screen for a new item of `size`, clear of the cards and notes shown there. */
  const spotFor = useCallback(
    (size: { width: number; height: number }) => {
      const center = viewportCenter();
      const occupied: Box[] = [];
      for (const node of store.getState().nodeLookup.values()) {
        if (node.type === "frame" || node.hidden) continue;
        const { x, y } = node.internals.positionAbsolute;
        occupied.push({ x, y, width: node.measured.width ?? CARD_WIDTH, height: node.measured.height ?? CARD_HEIGHT });
      }
      const spot = clearSpot({ x: Math.round(center.x - size.width / 2), y: Math.round(center.y - size.height / 2), ...size }, occupied);
      return { x: spot.x, y: spot.y };
    },
    [store, viewportCenter],
  );

  const addNote = useCallback(() => {
    if (readOnly) return;
    const id = createNote(doc, spotFor(NOTE_BOX), origin);
    setEditingTitleId(id);
  }, [doc, origin, readOnly, spotFor, setEditingTitleId]);

  const addText = useCallback(() => {
    if (readOnly) return;
    const id = createNote(doc, { kind: "text", text: "", color: DEFAULT_TEXT_COLOR, ...spotFor(TEXT_BOX) }, origin);
    setEditingTitleId(id);
  }, [doc, origin, readOnly, spotFor, setEditingTitleId]);

  /** Around the selected cards and notes when there are any (measured as shown), else mid-screen. */
  const addFrame = useCallback(() => {
    if (readOnly) return;
    const { nodeLookup } = store.getState();
    const boxes: Box[] = [];
    for (const id of selectedIds) {
      const node = nodeLookup.get(id);
      if (!node) continue;
      const { x, y } = node.internals.positionAbsolute;
      boxes.push({ x, y, width: node.measured.width ?? CARD_WIDTH, height: node.measured.height ?? CARD_HEIGHT });
    }
    const center = viewportCenter();
    const box = frameAround(boxes) ?? {
      x: Math.round(center.x - FRAME_DEFAULT_SIZE.width / 2),
      y: Math.round(center.y - FRAME_DEFAULT_SIZE.height / 2),
      ...FRAME_DEFAULT_SIZE,
    };
    const id = createNote(doc, { kind: "frame", text: "", color: DEFAULT_FRAME_COLOR, ...box }, origin);
    setEditingTitleId(id);
  }, [doc, origin, readOnly, selectedIds, store, viewportCenter, setEditingTitleId]);

  return { addNote, addText, addFrame };
}
