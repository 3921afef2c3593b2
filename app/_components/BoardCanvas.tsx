"use client";

import {
  Background,
  BackgroundVariant,
  ControlButton,
  Controls,
  ReactFlow,
  useReactFlow,
  useStore,
  useStoreApi,
  type Connection,
  type Edge,
  type NodeChange,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type PointerEvent } from "react";
import { createLink, deleteInitiative, deleteLink, deleteNote, moveInitiative, updateNote } from "@/lib/board/mutations";
import { boardMaps } from "@/lib/board/schema";
import type { WebsocketProvider } from "y-websocket";
import { useBoardSession } from "../_lib/boardContext";
import { useLinkEditor } from "../_lib/linkEditor";
import { MAX_CARRIED_IDS, type DragState } from "../_lib/presence";
import { useBoardGraph, type BoardNode, type InitiativeNode, type LinkEdge } from "../_lib/useBoardGraph";
import { useFrameDrag } from "../_lib/useFrameDrag";
import { useFarZoomPointer } from "../_lib/useFarZoomPointer";
import { useFitView } from "../_lib/views/useFitView";
import { BoardMiniMap } from "./BoardMiniMap";
import { FarZoomCanvas } from "./FarZoomCanvas";
import { FrameItem } from "./FrameItem";
import { InitiativeCard } from "./InitiativeCard";
import { LinkEdge as LinkEdgeView, LinkMarkers } from "./LinkEdge";
import { NoteCard } from "./NoteCard";
import { TextItem } from "./TextItem";
import { ViewGuides } from "./views/ViewGuides";
import { useProjectedNodes } from "../_lib/views/useProjectedNodes";
import { byReadingOrder, cardInView, FAR_ZOOM, FarZoomContext, splitForFarZoom, viewRect } from "../_lib/zoomDetail";

const NODE_TYPES = { initiative: InitiativeCard, note: NoteCard, text: TextItem, frame: FrameItem };
const EDGE_TYPES = { link: LinkEdgeView };
/** How long the first fit may take before cards are mounted anyway. */
const FRAME_FALLBACK_MS = 2000;
/** Awareness is sent at most this often while pointing or dragging (20 per second). */
const PRESENCE_INTERVAL_MS = 50;
/** Shift-click adds to the selection like Ctrl/Cmd-click (Shift-drag on the canvas draws a box). */
const MULTI_SELECTION_KEYS = ["Shift", "Meta", "Control"];

interface BoardCanvasProps {
  provider: WebsocketProvider;
  synced: boolean;
  onSelectionChange: (nodeIds: string[], linkIds: string[]) => void;
  onCreateAt: (position: { x: number; y: number }) => void;
}

function useThrottled<T>(send: (value: T) => void): (value: T) => void {
  const last = useRef(0);
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);
  return useCallback(
    (value: T) => {
      const now = Date.now();
      pending.current = { value };
      if (now - last.current >= PRESENCE_INTERVAL_MS) {
        last.current = now;
        pending.current = null;
        send(value);
      } else if (!timer.current) {
        timer.current = setTimeout(() => {
          timer.current = null;
          last.current = Date.now();
          if (pending.current) send(pending.current.value);
          pending.current = null;
        }, PRESENCE_INTERVAL_MS - (now - last.current));
      }
    },
    [send],
  );
}

export function BoardCanvas({ provider, synced, onSelectionChange, onCreateAt }: BoardCanvasProps) {
  const { doc, origin, readOnly, presence, models, editingTitleId, setEditingTitleId } = useBoardSession();
  const { nodes, edges, onNodesChange, onEdgesChange } = useBoardGraph(doc, presence);
  const frameDrag = useFrameDrag(doc, onNodesChange);
  const { openLink } = useLinkEditor();
  // Structured views place cards by their fields; a drop there edits the fields, not x/y.
  const projected = useProjectedNodes(nodes);
  const dropInView = projected.drop;
  const { screenToFlowPosition } = useReactFlow();
  const store = useStoreApi();
  const fitView = useFitView();
  const awareness = provider.awareness;
  const fittedRef = useRef(false);
  const [framed, setFramed] = useState(false);
  const zoomedOut = useStore((state) => state.transform[2] < FAR_ZOOM);
  // Until the board is first framed, cards are painted, not mounted: mounting the cards that
  // happen to lie under the default viewport only to unmount them at the fit cost a 2,000-card
  // board a third of its opening time.
  const far = zoomedOut || !framed;

  useEffect(() => {
    if (!synced || fittedRef.current) return;
    fittedRef.current = true;
    // Let React Flow measure the freshly synced cards before framing them.
    requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1 }).finally(() => setFramed(true)));
    // React Flow drops a fit asked for before its pane is ready: never hold the cards back for long.
    const fallback = setTimeout(() => setFramed(true), FRAME_FALLBACK_MS);
    return () => clearTimeout(fallback);
  }, [synced, fitView]);

  const publishCursor = useThrottled(
    useCallback((cursor: { x: number; y: number } | null) => awareness.setLocalStateField("cursor", cursor), [awareness]),
  );
  const publishDrag = useThrottled(useCallback((drag: DragState | null) => awareness.setLocalStateField("drag", drag), [awareness]));
  // What a frame drag carries, worked out once when the drag starts.
  const carriedRef = useRef<string[]>([]);

  const handleNodesChange = useCallback(
    (changes: NodeChange<BoardNode>[]) => {
      onNodesChange(changes);
      if (readOnly) return;
      // A finished drag or a keyboard nudge: write the final position once (history stays readable).
      const settled = changes.filter((change) => change.type === "position" && change.dragging === false && change.position);
      if (settled.length === 0) return;
      const maps = boardMaps(doc);
      doc.transact(() => {
        // A moved frame carries what it holds; those items are written with it, once.
        const carried = frameDrag.settle(
          settled.flatMap((change) => (change.type === "position" && change.position ? [{ id: change.id, position: change.position }] : [])),
          origin,
        );
        for (const change of settled) {
          if (change.type !== "position" || !change.position || carried.has(change.id)) continue;
          const { x, y } = { x: Math.round(change.position.x), y: Math.round(change.position.y) };
          if (maps.initiatives.has(change.id)) {
            if (!dropInView(change.id, { x, y })) moveInitiative(doc, change.id, x, y, origin);
          }
          else if (maps.notes.has(change.id)) updateNote(doc, change.id, { x, y }, origin);
        }
      }, origin);
    },
    [doc, origin, readOnly, onNodesChange, dropInView, frameDrag],
  );

  const onNodeDragStart = useCallback(
    (_event: unknown, node: BoardNode, dragged: BoardNode[]) => {
      frameDrag.onDragStart(dragged);
      // Others see the whole selection move, not just the card under the pointer.
      const carried = new Set([...dragged.map((item) => item.id), ...frameDrag.carriedAlong(node.id)]);
      carried.delete(node.id);
      carriedRef.current = [...carried].slice(0, MAX_CARRIED_IDS);
    },
    [frameDrag],
  );
  const onNodeDrag = useCallback(
    (_event: unknown, node: BoardNode, dragged: BoardNode[]) => {
      frameDrag.onDrag(dragged);
      const carried = carriedRef.current;
      publishDrag({ id: node.id, x: Math.round(node.position.x), y: Math.round(node.position.y), ...(carried.length > 0 ? { carried } : {}) });
    },
    [publishDrag, frameDrag],
  );
  const endDrag = useCallback(() => {
    // The throttle may still hold a last drag frame; clear after it so peers drop the ghost position.
    setTimeout(() => awareness.setLocalStateField("drag", null), PRESENCE_INTERVAL_MS + 10);
  }, [awareness]);

  // The zoom as a CSS variable, for rings that keep their screen width far away (globals.css); no
  // re-render. Only set while far: a custom property is inherited, so each change restyles every
  // element under the wrapper. Far away that is a handful (the cards are painted), but near it is
  // every mounted card, about 8,000-9,000 elements on a 2,000-card board: 75-145 ms of style
  // recalculation per wheel notch (Chromium trace). Near, the rule that reads it does not apply.
  const wrapperRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let zoom = Number.NaN;
    const publish = (next: number) => {
      if (next === zoom || next >= FAR_ZOOM) return;
      zoom = next;
      wrapperRef.current?.style.setProperty("--board-zoom", String(zoom));
    };
    publish(store.getState().transform[2]);
    // The store changes far more often than the zoom (every node change, every pan frame).
    return store.subscribe((state) => publish(state.transform[2]));
  }, [store]);

  // The card keyboard focus is on while far away: a node, so it can hold focus (see onKeyDown).
  const [keyboardCardId, setKeyboardCardId] = useState<string | null>(null);
  // Far away, cards that are not selected are pixels on one canvas (FarZoomCanvas), not nodes.
  const split = useMemo(
    () => (far ? splitForFarZoom(projected.nodes, edges, [editingTitleId, keyboardCardId]) : { nodes: projected.nodes, edges, farCards: [], farLinks: [] }),
    [far, projected.nodes, edges, editingTitleId, keyboardCardId],
  );
  useEffect(() => {
    if (!far) setKeyboardCardId(null);
  }, [far]);
  // The node appears a render after its id is kept: focus it then.
  useEffect(() => {
    if (!keyboardCardId) return;
    let frames = 0;
    let frame = requestAnimationFrame(function focus() {
      const element = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(keyboardCardId)}"]`);
      if (element) element.focus();
      else if (++frames < 10) frame = requestAnimationFrame(focus);
    });
    return () => cancelAnimationFrame(frame);
  }, [keyboardCardId]);
  // Focus gone from the cards (a click elsewhere, Tab out of the board): the card goes back to the canvas.
  useEffect(() => {
    if (!keyboardCardId) return;
    let frame = 0;
    const onFocusOut = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (document.activeElement?.closest(".react-flow__node")) return;
        // Still rendered yet not focused: focus went elsewhere (not lost with a card that left).
        if (document.querySelector(`.react-flow__node[data-id="${CSS.escape(keyboardCardId)}"]`)) setKeyboardCardId(null);
      });
    };
    document.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("focusout", onFocusOut);
      cancelAnimationFrame(frame);
    };
  }, [keyboardCardId]);
  /** Far cards in reading order (rows top to bottom, each left to right): Tab's order over the canvas. */
  const readingOrder = useCallback(() => {
    const ids = new Set(split.farCards.map((card) => card.id));
    if (keyboardCardId) ids.add(keyboardCardId);
    return projected.nodes
      .filter((node) => ids.has(node.id))
      .sort(byReadingOrder)
      .map((node) => node.id);
  }, [split.farCards, keyboardCardId, projected.nodes]);
  const onFarCanvasFocus = useCallback(() => {
    // Tabbing onto the far canvas takes keyboard focus to the first card in view.
    const view = viewRect(store.getState());
    const inView = split.farCards.filter(({ position: { x, y } }) => cardInView(view, x, y)).sort(byReadingOrder);
    const first = inView[0]?.id ?? readingOrder()[0];
    if (first) setKeyboardCardId(first);
  }, [split.farCards, readingOrder, store]);
  const farPointer = useFarZoomPointer({
    enabled: far,
    readOnly,
    cards: split.farCards as InitiativeNode[],
    onNodesChange: handleNodesChange,
    publishDrag,
    endDrag,
  });

  const onConnect = useCallback(
    (connection: Connection) => {
      if (readOnly || connection.source === connection.target) return;
      createLink(doc, { from: connection.source, to: connection.target }, origin);
    },
    [doc, origin, readOnly],
  );

  const onDelete = useCallback(
    ({ nodes: removedNodes, edges: removedEdges }: { nodes: BoardNode[]; edges: Edge[] }) => {
      if (readOnly) return;
      const maps = boardMaps(doc);
      doc.transact(() => {
        for (const node of removedNodes) {
          if (maps.initiatives.has(node.id)) deleteInitiative(doc, node.id, origin);
          else deleteNote(doc, node.id, origin);
        }
        for (const edge of removedEdges) deleteLink(doc, edge.id, origin);
      }, origin);
    },
    [doc, origin, readOnly],
  );

  const handleSelection = useCallback(
    ({ nodes: selectedNodes, edges: selectedEdges }: OnSelectionChangeParams) => {
      const ids = [...selectedNodes.map((node) => node.id), ...selectedEdges.map((edge) => edge.id)];
      awareness.setLocalStateField("selection", ids);
      onSelectionChange(
        selectedNodes.map((node) => node.id),
        selectedEdges.map((edge) => edge.id),
      );
    },
    [awareness, onSelectionChange],
  );

  const onPointerMove = (event: PointerEvent) => {
    farPointer.onPointerMove(event);
    const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
    publishCursor({ x: Math.round(point.x), y: Math.round(point.y) });
  };

  const onDoubleClick = (event: MouseEvent) => {
    if (readOnly) return;
    const target = event.target as HTMLElement;
    if (!target.classList.contains("react-flow__pane")) return;
    onCreateAt(screenToFlowPosition({ x: event.clientX, y: event.clientY }));
  };

  const onEdgeDoubleClick = useCallback((_event: MouseEvent, edge: LinkEdge) => openLink(edge.id, !readOnly), [openLink, readOnly]);

  const onKeyDown = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    // Far away only the focused card is a node: Tab and Shift+Tab walk the canvas's cards.
    if (far && event.key === "Tab" && !event.ctrlKey && !event.altKey && target.classList.contains("react-flow__node-initiative")) {
      const order = readingOrder();
      const index = order.indexOf(target.getAttribute("data-id") ?? "");
      const next = index < 0 ? undefined : order[index + (event.shiftKey ? -1 : 1)];
      if (next) {
        event.preventDefault();
        setKeyboardCardId(next);
        return;
      }
    }
    if (event.key === "Enter" && target.classList.contains("react-flow__edge")) {
      const id = target.getAttribute("data-id");
      if (id) openLink(id, !readOnly);
      return;
    }
    if (event.key === "Enter" && !readOnly && target.classList.contains("react-flow__node")) {
      const id = target.getAttribute("data-id");
      if (id) {
        event.preventDefault();
        setEditingTitleId(id);
      }
    }
  };

  return (
    <div
      ref={wrapperRef}
      className="relative h-full w-full"
      data-testid="board-canvas"
      data-zoom={far ? "far" : "near"}
      onPointerMove={onPointerMove}
      onPointerLeave={() => {
        publishCursor(null);
        farPointer.clearHover();
      }}
      onWheel={farPointer.clearHover}
      {...farPointer.handlers}
      onDoubleClick={onDoubleClick}
      onKeyDown={onKeyDown}
    >
      <FarZoomContext.Provider value={far}>
        <ReactFlow<BoardNode, LinkEdge>
          nodes={split.nodes}
          edges={split.edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={handleNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStart={onNodeDragStart}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={endDrag}
          onConnect={onConnect}
          onDelete={onDelete}
          onSelectionChange={handleSelection}
          onSelectionEnd={farPointer.onSelectionEnd}
          onEdgeDoubleClick={onEdgeDoubleClick}
          nodesDraggable={!readOnly}
          nodesConnectable={!readOnly}
          edgesReconnectable={false}
          deleteKeyCode={readOnly ? null : ["Delete", "Backspace"]}
          zoomOnDoubleClick={false}
          onlyRenderVisibleElements
          multiSelectionKeyCode={MULTI_SELECTION_KEYS}
          minZoom={0.05}
          maxZoom={2}
          proOptions={{ hideAttribution: true }}
        >
          {/* Seen from far away the dots would be a grey haze, repainted on every frame of a pan. */}
          {!far && <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />}
          <ViewGuides guides={projected.guides} />
          <LinkMarkers models={models} />
          {far && <FarZoomCanvas cards={split.farCards as InitiativeNode[]} links={split.farLinks} nodes={projected.nodes} models={models} onFocus={onFarCanvasFocus} />}
          <Controls showInteractive={false} showFitView={false} position="bottom-right">
            <ControlButton onClick={() => void fitView({ padding: 0.08, duration: 250 })} title="Zoom to fit (Shift+1)" aria-label="Zoom to fit">
              <FitIcon />
            </ControlButton>
          </Controls>
          <BoardMiniMap nodes={projected.nodes} models={models} />
        </ReactFlow>
      </FarZoomContext.Provider>
      {farPointer.hover && (
        <div
          className="pointer-events-none absolute z-10 max-w-64 -translate-y-full rounded-md bg-slate-900/90 px-2 py-1 text-xs font-medium text-white shadow"
          style={{ left: farPointer.hover.left, top: farPointer.hover.top - 4 }}
          data-testid="far-hover-label"
        >
          {farPointer.hover.title}
        </div>
      )}
      {synced && !readOnly && nodes.length === 0 && (
        <div className="pointer-events-none absolute inset-0 flex items-center justify-center" data-testid="empty-board-hint">
          <div className="rounded-xl border border-dashed border-slate-300 bg-white/80 px-6 py-5 text-center">
            <p className="text-sm font-medium text-slate-700">This board is empty</p>
            <p className="mt-1 text-xs text-slate-500">
              Double-click anywhere or press <kbd className="rounded border border-slate-300 bg-slate-50 px-1 font-sans">N</kbd> to add an initiative.
            </p>
          </div>
        </div>
      )}
    </div>
  );
}

/** Four corners: frame the whole board. */
function FitIcon() {
  return (
    <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" aria-hidden>
      <path d="M3 11V3h8M21 3h8v8M29 21v8h-8M11 29H3v-8" fill="none" stroke="currentColor" strokeWidth={3.5} />
    </svg>
  );
}
