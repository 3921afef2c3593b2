"use client";

import { useReactFlow, useStoreApi, type NodeChange } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState, type MouseEvent, type PointerEvent } from "react";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { MAX_CARRIED_IDS, type DragState } from "./presence";
import type { BoardNode, InitiativeNode } from "./useBoardGraph";
import { useFitView } from "./views/useFitView";
import { farCardAt } from "./zoomDetail";

/** A press that moves less than this many screen pixels is a click, not a drag. */
const DRAG_THRESHOLD_PX = 3;

export interface FarHover {
  id: string;
  title: string;
  /** Where the card's top-left corner is, in pixels from the canvas's top-left. */
  left: number;
  top: number;
  width: number;
}

interface Press {
  id: string;
  pointerId: number;
  startX: number;
  startY: number;
  /** Positions at the press of every card the drag moves. */
  origins: Map<string, { x: number; y: number }>;
  dragging: boolean;
}

interface Options {
  enabled: boolean;
  readOnly: boolean;
  cards: readonly InitiativeNode[];
  /** Moves nodes locally while dragging (`dragging: true`) and writes them when it ends. */
  onNodesChange: (changes: NodeChange<BoardNode>[]) => void;
  publishDrag: (drag: DragState | null) => void;
  endDrag: () => void;
}

function isPane(target: EventTarget | null): boolean {
  return target instanceof Element && target.classList.contains("react-flow__pane");
}

/**
 * Pointing at the cards FarZoomCanvas draws. A press on one selects it (Shift/Ctrl/Cmd adds
 * to the selection, as on a node) and, once the pointer moves, drags it with the rest of the
 * selection, live for others through awareness like a node drag; a double-click zooms in on
 * it; hovering names it. The handlers run in the capture phase and stop the events they use,
 * so React Flow does not also pan, box-select or clear the selection underneath.
 */
export function useFarZoomPointer({ enabled, readOnly, cards, onNodesChange, publishDrag, endDrag }: Options) {
  const store = useStoreApi();
  const { screenToFlowPosition, flowToScreenPosition } = useReactFlow();
  const fitView = useFitView();
  const pressRef = useRef<Press | null>(null);
  const swallowClickRef = useRef(false);
  const [hover, setHover] = useState<FarHover | null>(null);
  const cardsRef = useRef(cards);
  cardsRef.current = cards;

  const hit = useCallback(
    (event: { clientX: number; clientY: number; target: EventTarget | null }) =>
      enabled && isPane(event.target) ? farCardAt(cardsRef.current, screenToFlowPosition({ x: event.clientX, y: event.clientY })) : undefined,
    [enabled, screenToFlowPosition],
  );

  useEffect(() => {
    if (!enabled) setHover(null);
  }, [enabled]);
  // A card renamed (or moved away) while it is pointed at.
  useEffect(() => {
    setHover((current) => {
      if (!current) return current;
      const card = cards.find((candidate) => candidate.id === current.id);
      if (!card) return null;
      const title = card.data.initiative.title || "Untitled";
      return title === current.title ? current : { ...current, title };
    });
  }, [cards]);

  // Moving and letting go are followed on the window, so a drag may leave the canvas.
  useEffect(() => {
    const onMove = (event: globalThis.PointerEvent) => {
      const press = pressRef.current;
      if (!press || event.pointerId !== press.pointerId) return;
      const dx = event.clientX - press.startX;
      const dy = event.clientY - press.startY;
      if (!press.dragging && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
      if (readOnly) return;
      press.dragging = true;
      const zoom = store.getState().transform[2];
      const changes = [...press.origins].map(([id, origin]) => ({
        type: "position" as const,
        id,
        position: { x: origin.x + dx / zoom, y: origin.y + dy / zoom },
        dragging: true,
      }));
      onNodesChange(changes);
      const moved = changes.find((change) => change.id === press.id);
      if (!moved) return;
      const carried = [...press.origins.keys()].filter((id) => id !== press.id).slice(0, MAX_CARRIED_IDS);
      publishDrag({ id: press.id, x: Math.round(moved.position.x), y: Math.round(moved.position.y), ...(carried.length > 0 ? { carried } : {}) });
    };
    const onUp = (event: globalThis.PointerEvent) => {
      const press = pressRef.current;
      if (!press || event.pointerId !== press.pointerId) return;
      pressRef.current = null;
      if (!press.dragging) return;
      const zoom = store.getState().transform[2];
      const dx = (event.clientX - press.startX) / zoom;
      const dy = (event.clientY - press.startY) / zoom;
      onNodesChange([...press.origins].map(([id, origin]) => ({ type: "position", id, position: { x: origin.x + dx, y: origin.y + dy }, dragging: false })));
      endDrag();
    };
    window.addEventListener("pointermove", onMove);
    window.addEventListener("pointerup", onUp);
    window.addEventListener("pointercancel", onUp);
    return () => {
      window.removeEventListener("pointermove", onMove);
      window.removeEventListener("pointerup", onUp);
      window.removeEventListener("pointercancel", onUp);
    };
  }, [store, readOnly, onNodesChange, publishDrag, endDrag]);

  const onPointerDownCapture = useCallback(
    (event: PointerEvent) => {
      swallowClickRef.current = false;
      if (event.button !== 0) return;
      const card = hit(event);
      if (!card) return;
      event.stopPropagation();
      swallowClickRef.current = true;
      setHover(null);
      const state = store.getState();
      // Replaces the selection, or adds to it while Shift/Ctrl/Cmd is held (React Flow tracks those keys).
      state.addSelectedNodes([card.id]);
      const origins = new Map<string, { x: number; y: number }>([[card.id, card.position]]);
      if (state.multiSelectionActive) {
        for (const node of state.nodes) {
          if (node.selected && node.type === "initiative" && node.draggable !== false) origins.set(node.id, node.position);
        }
      }
      pressRef.current = { id: card.id, pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, origins, dragging: false };
    },
    [hit, store],
  );

  // The mouse events that follow a pointer press would start React Flow's pan or clear the selection.
  const onMouseDownCapture = useCallback((event: MouseEvent) => {
    if (swallowClickRef.current) event.stopPropagation();
  }, []);
  const onClickCapture = useCallback((event: MouseEvent) => {
    if (!swallowClickRef.current) return;
    swallowClickRef.current = false;
    event.stopPropagation();
  }, []);

  const onDoubleClickCapture = useCallback(
    (event: MouseEvent) => {
      // The first click of a double-click already made the card a (selected) node: it is the target.
      const tile = enabled && event.target instanceof Element ? event.target.closest(".react-flow__node-initiative") : null;
      const id = hit(event)?.id ?? tile?.getAttribute("data-id");
      if (!id) return;
      event.stopPropagation();
      void fitView({ nodes: [{ id }], padding: 0.3, maxZoom: 1, duration: 250 });
    },
    [enabled, hit, fitView],
  );

  const onPointerMove = useCallback(
    (event: PointerEvent) => {
      if (!enabled || pressRef.current || event.buttons !== 0) {
        if (hover) setHover(null);
        return;
      }
      const card = hit(event);
      if (card?.id === hover?.id) return;
      if (!card) {
        setHover(null);
        return;
      }
      const bounds = store.getState().domNode?.getBoundingClientRect();
      const corner = flowToScreenPosition(card.position);
      const zoom = store.getState().transform[2];
      setHover({
        id: card.id,
        title: card.data.initiative.title || "Untitled",
        left: corner.x - (bounds?.left ?? 0),
        top: corner.y - (bounds?.top ?? 0),
        width: CARD_WIDTH * zoom,
      });
    },
    [enabled, hit, hover, store, flowToScreenPosition],
  );

  // A box drawn on the canvas also takes the far cards wholly inside it (React Flow skips hidden nodes).
  const boxRef = useRef<{ x: number; y: number; width: number; height: number } | null>(null);
  useEffect(() => {
    if (!enabled) return;
    return store.subscribe((state) => {
      if (state.userSelectionRect) boxRef.current = state.userSelectionRect;
    });
  }, [enabled, store]);
  const onSelectionEnd = useCallback(() => {
    const box = boxRef.current;
    boxRef.current = null;
    if (!enabled || !box || box.width === 0 || box.height === 0) return;
    const [tx, ty, zoom] = store.getState().transform;
    const left = (box.x - tx) / zoom;
    const top = (box.y - ty) / zoom;
    const right = left + box.width / zoom;
    const bottom = top + box.height / zoom;
    const inside = cardsRef.current.filter(
      ({ position: { x, y } }) => x >= left && y >= top && x + CARD_WIDTH <= right && y + CARD_HEIGHT <= bottom,
    );
    if (inside.length > 0) store.getState().triggerNodeChanges(inside.map((card) => ({ type: "select", id: card.id, selected: true })));
  }, [enabled, store]);

  const clearHover = useCallback(() => setHover(null), []);

  return { hover, clearHover, onSelectionEnd, handlers: { onPointerDownCapture, onMouseDownCapture, onClickCapture, onDoubleClickCapture }, onPointerMove };
}
