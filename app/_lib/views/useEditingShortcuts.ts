"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useEffect } from "react";
import { deleteInitiative, deleteNote } from "@/lib/board/mutations";
import { boardMaps } from "@/lib/board/schema";
import { useBoardSession } from "../boardContext";
import { copyItems, parseClipboardPayload, pastePayload, payloadBounds } from "./clipboardPayload";
import { useBoardView } from "./viewContext";
import { isOnBoard } from "../zoomDetail";
import { useFitView } from "./useFitView";

/** Where a duplicate lands relative to its original. */
const DUPLICATE_OFFSET = { x: 32, y: 32 };

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Board shortcuts beyond React Flow's own (arrows nudge, Delete removes, Shift-drag boxes):
 * Ctrl-D duplicate, Ctrl-A select all, Ctrl-C/X/V with the system clipboard, `/` or Ctrl-K
 * search, Shift-1 zoom to fit, Shift-2 zoom to the selection, M and P toggle the panels,
 * I jumps into the inspector, Escape clears the selection.
 */
export function useEditingShortcuts(): void {
  const { doc, origin, readOnly } = useBoardSession();
  const { openSearch, setPanel, panel } = useBoardView();
  const store = useStoreApi();
  const { screenToFlowPosition } = useReactFlow();
  const fitView = useFitView();

  useEffect(() => {
    const selectedItems = () => {
      const { initiatives, notes } = boardMaps(doc);
      return store
        .getState()
        .nodes.filter((node) => node.selected && (initiatives.has(node.id) || notes.has(node.id)))
        .map((node) => node.id);
    };
    const select = (ids: string[]) => {
      // New cards reach React Flow's store on the next render.
      requestAnimationFrame(() => store.getState().addSelectedNodes(ids));
    };
    const canvasCenter = () => {
      const rect = document.querySelector('[data-testid="board-canvas"]')?.getBoundingClientRect();
      return rect ? screenToFlowPosition({ x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }) : { x: 0, y: 0 };
    };

    const onKeyDown = (event: KeyboardEvent) => {
      const command = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      if (command && key === "k") {
        event.preventDefault();
        openSearch();
        return;
      }
      if (isTyping(event.target) || event.altKey) return;
      if (command && key === "d") {
        event.preventDefault();
        // Whatever is selected, notes and frames (with what they hold) included, and the links among it.
        const payload = readOnly ? null : copyItems(doc, selectedItems());
        if (!payload) return;
        const bounds = payloadBounds(payload);
        select(pastePayload(doc, payload, { x: bounds.x + DUPLICATE_OFFSET.x, y: bounds.y + DUPLICATE_OFFSET.y }, origin));
      } else if (command && key === "a") {
        event.preventDefault();
        select(store.getState().nodes.filter(isOnBoard).map((node) => node.id));
      } else if (command) {
        return;
      } else if (event.key === "/") {
        event.preventDefault();
        openSearch();
      } else if (event.shiftKey && event.code === "Digit1") {
        event.preventDefault();
        void fitView({ padding: 0.08, duration: 250 });
      } else if (event.shiftKey && event.code === "Digit2") {
        event.preventDefault();
        const ids = store.getState().nodes.filter((node) => node.selected).map((node) => ({ id: node.id }));
        if (ids.length > 0) void fitView({ nodes: ids, padding: 0.3, maxZoom: 1.2, duration: 250 });
      } else if (key === "m" && !event.shiftKey) {
        setPanel(panel === "library" ? null : "library");
      } else if (key === "p" && !event.shiftKey) {
        setPanel(panel === "portfolio" ? null : "portfolio");
      } else if (key === "i" && !event.shiftKey) {
        const field = document.querySelector<HTMLElement>('[data-testid="inspector"] input, [data-testid="inspector"] select, [data-testid="inspector"] textarea');
        if (field) {
          event.preventDefault();
          field.focus();
        }
      } else if (event.key === "Escape") {
        store.getState().resetSelectedElements();
      }
    };

    const onCopy = (event: ClipboardEvent) => {
      if (isTyping(event.target) || !event.clipboardData) return;
      const payload = copyItems(doc, selectedItems());
      if (!payload) return;
      event.preventDefault();
      event.clipboardData.setData("text/plain", JSON.stringify(payload));
    };
    const onCut = (event: ClipboardEvent) => {
      if (readOnly || isTyping(event.target) || !event.clipboardData) return;
      const payload = copyItems(doc, selectedItems());
      if (!payload) return;
      event.preventDefault();
      event.clipboardData.setData("text/plain", JSON.stringify(payload));
      store.getState().resetSelectedElements();
      // Everything copied goes, a frame's contents included, so cut and paste moves it whole.
      doc.transact(() => {
        for (const item of payload.initiatives) deleteInitiative(doc, item.id, origin);
        for (const item of payload.notes) deleteNote(doc, item.id, origin);
      }, origin);
    };
    const onPaste = (event: ClipboardEvent) => {
      if (readOnly || isTyping(event.target) || !event.clipboardData) return;
      const payload = parseClipboardPayload(event.clipboardData.getData("text/plain"));
      if (!payload) return;
      event.preventDefault();
      const center = canvasCenter();
      const { width, height } = payloadBounds(payload);
      select(pastePayload(doc, payload, { x: Math.round(center.x - width / 2), y: Math.round(center.y - height / 2) }, origin));
    };

    window.addEventListener("keydown", onKeyDown);
    document.addEventListener("copy", onCopy);
    document.addEventListener("cut", onCut);
    document.addEventListener("paste", onPaste);
    return () => {
      window.removeEventListener("keydown", onKeyDown);
      document.removeEventListener("copy", onCopy);
      document.removeEventListener("cut", onCut);
      document.removeEventListener("paste", onPaste);
    };
  }, [doc, origin, readOnly, store, fitView, screenToFlowPosition, openSearch, setPanel, panel]);
}
