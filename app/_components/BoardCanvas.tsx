"use client";

import {
  Background,
  BackgroundVariant,
  Controls,
  MiniMap,
  ReactFlow,
  useReactFlow,
  useStore,
  type Connection,
  type Edge,
  type NodeChange,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useRef, type KeyboardEvent, type MouseEvent, type PointerEvent } from "react";
import { createLink, deleteInitiative, deleteLink, deleteNote, moveInitiative, updateNote } from "@/lib/board/mutations";
import { DEFAULT_FRAME_COLOR } from "@/lib/board/noteKinds";
import { boardMaps } from "@/lib/board/schema";
import type { WebsocketProvider } from "y-websocket";
import { useBoardSession } from "../_lib/boardContext";
import { useLinkEditor } from "../_lib/linkEditor";
import type { DragState } from "../_lib/presence";
import { useBoardGraph, type BoardNode, type LinkEdge } from "../_lib/useBoardGraph";
import { useFrameDrag } from "../_lib/useFrameDrag";
import { FarZoomCanvas } from "./FarZoomCanvas";
import { FrameItem } from "./FrameItem";
import { InitiativeCard } from "./InitiativeCard";
import { LinkEdge as LinkEdgeView } from "./LinkEdge";
import { NoteCard } from "./NoteCard";
import { TextItem } from "./TextItem";
import { ViewGuides } from "./views/ViewGuides";
import { useProjectedNodes } from "../_lib/views/useProjectedNodes";
import { FAR_ZOOM, FarZoomContext } from "../_lib/zoomDetail";

const NODE_TYPES = { initiative: InitiativeCard, note: NoteCard, text: TextItem, frame: FrameItem };
const EDGE_TYPES = { link: LinkEdgeView };
/** Awareness is sent at most this often while pointing or dragging (20 per second). */
const PRESENCE_INTERVAL_MS = 50;
/** Shift-click adds to the selection like Ctrl/Cmd-click (Shift-drag on the canvas draws a box). */
const MULTI_SELECTION_KEYS = ["Shift", "Meta", "Control"];

function minimapColor(node: BoardNode): string {
  if (node.type === "initiative") return "#94a3b8";
  if (node.type === "text") return "transparent";
  return node.data.note.color || (node.type === "frame" ? DEFAULT_FRAME_COLOR : "#fde68a");
}

/** Only frames get an outline (see .minimap-frame in globals.css); everything else is a plain block. */
function minimapStroke(node: BoardNode): string {
  return node.type === "frame" ? minimapColor(node) : "transparent";
}

function minimapClass(node: BoardNode): string {
  return node.type === "frame" ? "minimap-frame" : "";
}

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
  const { doc, origin, readOnly, presence, models, setEditingTitleId } = useBoardSession();
  const { nodes, edges, onNodesChange, onEdgesChange } = useBoardGraph(doc, presence);
  const frameDrag = useFrameDrag(doc, onNodesChange);
  const { openLink } = useLinkEditor();
  // Structured views place cards by their fields; a drop there edits the fields, not x/y.
  const projected = useProjectedNodes(nodes);
  const dropInView = projected.drop;
  const { screenToFlowPosition, fitView } = useReactFlow();
  const awareness = provider.awareness;
  const fittedRef = useRef(false);
  const far = useStore((state) => state.transform[2] < FAR_ZOOM);

  useEffect(() => {
    if (!synced || fittedRef.current) return;
    fittedRef.current = true;
    // Let React Flow measure the freshly synced cards before framing them.
    requestAnimationFrame(() => void fitView({ padding: 0.15, maxZoom: 1 }));
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
      carriedRef.current = frameDrag.carriedAlong(node.id);
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
  const onNodeDragStop = useCallback(() => {
    // The throttle may still hold a last drag frame; clear after it so peers drop the ghost position.
    setTimeout(() => awareness.setLocalStateField("drag", null), PRESENCE_INTERVAL_MS + 10);
  }, [awareness]);

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
      className="relative h-full w-full"
      data-testid="board-canvas"
      data-zoom={far ? "far" : "near"}
      onPointerMove={onPointerMove}
      onPointerLeave={() => publishCursor(null)}
      onDoubleClick={onDoubleClick}
      onKeyDown={onKeyDown}
    >
      <FarZoomContext.Provider value={far}>
        <ReactFlow<BoardNode, LinkEdge>
          nodes={projected.nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          edgeTypes={EDGE_TYPES}
          onNodesChange={handleNodesChange}
          onEdgesChange={onEdgesChange}
          onNodeDragStart={onNodeDragStart}
          onNodeDrag={onNodeDrag}
          onNodeDragStop={onNodeDragStop}
          onConnect={onConnect}
          onDelete={onDelete}
          onSelectionChange={handleSelection}
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
          <Background variant={BackgroundVariant.Dots} gap={20} size={1.2} color="#cbd5e1" />
          <ViewGuides guides={projected.guides} />
          {far && <FarZoomCanvas nodes={projected.nodes} models={models} />}
          <Controls showInteractive={false} position="bottom-right" />
          <MiniMap pannable zoomable position="bottom-left" ariaLabel="Minimap" nodeColor={minimapColor} nodeStrokeColor={minimapStroke} nodeClassName={minimapClass} nodeBorderRadius={6} maskColor="rgba(241,245,249,0.7)" style={{ width: 168, height: 112 }} className="!m-3 rounded-md ring-1 ring-slate-200" />
        </ReactFlow>
      </FarZoomContext.Provider>
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
