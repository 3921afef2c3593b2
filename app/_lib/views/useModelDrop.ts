"use client";

import { useEffect } from "react";
import { useBoardSession } from "../boardContext";
import { MODEL_DRAG_TYPE } from "./modelDrag";

const TARGET_ATTRIBUTE = "data-model-drop-target";
const TARGET_OUTLINE = "3px solid #6366f1";

/**
 * Dropping a model from the library onto a card assigns it, through the same rationale prompt
 * as every other model change. Listens on the canvas element (cards are React Flow's nodes).
 */
export function useModelDrop(): void {
  const { readOnly, requestModelChange } = useBoardSession();
  useEffect(() => {
    const canvas = document.querySelector<HTMLElement>('[data-testid="board-canvas"]');
    if (!canvas || readOnly) return;
    let highlighted: Element | null = null;
    const highlight = (card: Element | null) => {
      if (card === highlighted) return;
      if (highlighted instanceof HTMLElement) {
        highlighted.removeAttribute(TARGET_ATTRIBUTE);
        highlighted.style.outline = "";
      }
      if (card instanceof HTMLElement) {
        card.setAttribute(TARGET_ATTRIBUTE, "true");
        card.style.outline = TARGET_OUTLINE;
        card.style.outlineOffset = "3px";
      }
      highlighted = card;
    };
    const cardAt = (event: DragEvent) => (event.target instanceof Element ? event.target.closest("[data-initiative-id]") : null);
    const onDragOver = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes(MODEL_DRAG_TYPE)) return;
      const card = cardAt(event);
      highlight(card);
      if (!card) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = "copy";
    };
    const onDrop = (event: DragEvent) => {
      const modelId = event.dataTransfer?.getData(MODEL_DRAG_TYPE);
      const id = cardAt(event)?.getAttribute("data-initiative-id");
      highlight(null);
      if (!modelId || !id) return;
      event.preventDefault();
      requestModelChange(id, modelId);
    };
    const onDragLeave = (event: DragEvent) => {
      if (event.relatedTarget === null || !canvas.contains(event.relatedTarget as Node)) highlight(null);
    };
    canvas.addEventListener("dragover", onDragOver);
    canvas.addEventListener("drop", onDrop);
    canvas.addEventListener("dragleave", onDragLeave);
    return () => {
      highlight(null);
      canvas.removeEventListener("dragover", onDragOver);
      canvas.removeEventListener("drop", onDrop);
      canvas.removeEventListener("dragleave", onDragLeave);
    };
  }, [readOnly, requestModelChange]);
}
