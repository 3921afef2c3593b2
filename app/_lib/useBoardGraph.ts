"use client";

import { applyEdgeChanges, applyNodeChanges, Position, type Edge, type EdgeChange, type Node, type NodeChange, type NodeHandle } from "@xyflow/react";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { useCallback, useEffect, useRef, useState } from "react";
import type * as Y from "yjs";
import { boardMaps, readInitiative, readLink, readNote } from "@/lib/board/schema";
import type { Hint } from "@/lib/board/hints";
import { frameBox, noteKindOf } from "@/lib/board/noteKinds";
import type { InitiativeContent, LinkContent, NoteContent } from "@/lib/board/types";
import type { DragPosition, PresenceStore } from "./presence";

/** `hints` is added by the view layer (app/_lib/views/useProjectedNodes.ts) for card badges. */
export type InitiativeNode = Node<{ initiative: InitiativeContent; remoteDrag: boolean; hints?: readonly Hint[] }, "initiative">;
/** Everything in the notes map: sticky notes (`note`), free text (`text`) and frames (`frame`). */
export type NoteNode = Node<{ note: NoteContent }, "note" | "text" | "frame">;
export type BoardNode = InitiativeNode | NoteNode;
export type LinkEdge = Edge<{ link: LinkContent }>;

/** Keeps what React Flow owns locally (selection, measurements, a drag in progress). */
function carryOver(previous: BoardNode | undefined): Partial<BoardNode> {
  if (!previous) return {};
  const { selected, measured, width, height, dragging } = previous;
  return { selected, measured, width, height, dragging };
}

function positionFor(
  content: { x: number; y: number },
  previous: BoardNode | undefined,
  remoteDrag: DragPosition | undefined,
): { x: number; y: number } {
  if (previous?.dragging) return previous.position;
  return remoteDrag ?? { x: content.x, y: content.y };
}

/** A card's least size (a one-line title; the tile size): what it counts as until it renders. */
const CARD_INITIAL_SIZE = { width: CARD_WIDTH, height: CARD_HEIGHT };
const HANDLE_SIZE = 10;

/**
 * Where a card's two handles sit before it is rendered. With a size and handles known up front,
 * React Flow culls cards outside the viewport from the first render instead of mounting every
 * card once to measure it; once measured, the measured handles take over.
 */
function initialHandles(): NodeHandle[] {
  const y = CARD_INITIAL_SIZE.height / 2 - HANDLE_SIZE / 2;
  return [
    { id: null, type: "target", position: Position.Left, x: -HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
    { id: null, type: "source", position: Position.Right, x: CARD_INITIAL_SIZE.width - HANDLE_SIZE / 2, y, width: HANDLE_SIZE, height: HANDLE_SIZE },
  ];
}

function initiativeNode(content: InitiativeContent, previous: BoardNode | undefined, remoteDrag: DragPosition | undefined): InitiativeNode {
  const measured = previous?.measured !== undefined;
  return {
    ...carryOver(previous),
    // Counted as measured at the card's least size: React Flow's fitView waits until every node is
    // measured, and culled cards are never measured until they come into view.
    ...(measured ? {} : { measured: { ...CARD_INITIAL_SIZE }, handles: initialHandles() }),
    id: content.id,
    type: "initiative",
    position: positionFor(content, previous, remoteDrag),
    data: { initiative: content, remoteDrag: remoteDrag !== undefined },
    ariaLabel: `Initiative: ${content.title || "Untitled"}`,
  } as InitiativeNode;
}

/**
 * Frames sit below everything, even when selected (React Flow lifts a selected node by 1000),
 * so cards and notes on a frame stay clickable and links stay visible over it.
 */
export const FRAME_Z_INDEX = -2000;

function noteNode(content: NoteContent, previous: BoardNode | undefined, remoteDrag: DragPosition | undefined): NoteNode {
  const kind = noteKindOf(content);
  const node = {
    ...carryOver(previous),
    id: content.id,
    type: kind === "sticky" ? "note" : kind,
    position: positionFor(content, previous, remoteDrag),
    data: { note: content },
    ariaLabel: `${kind === "text" ? "Text" : kind === "frame" ? "Frame" : "Note"}: ${content.text.slice(0, 60) || "empty"}`,
  } as NoteNode;
  if (kind !== "frame") return node;
  const box = frameBox(content);
  // A frame is picked by its title bar and border: clicks on its body reach the canvas below.
  return { ...node, width: box.width, height: box.height, zIndex: FRAME_Z_INDEX, style: { pointerEvents: "none" } };
}

/** Drawn by LinkEdge.tsx, which styles it by its collaboration mode and blocking flag. */
function linkEdge(content: LinkContent, previous: LinkEdge | undefined): LinkEdge {
  return {
    id: content.id,
    type: "link",
    source: content.from,
    target: content.to,
    selected: previous?.selected,
    data: { link: content },
    ariaLabel: `Link${content.label ? `: ${content.label}` : ""}${content.blocking === true ? " (blocking)" : ""}. Press Enter to edit`,
  };
}

/** Ids touched by a batch of deep events on a collection map (items added, removed or edited). */
function touchedIds<T>(collection: Y.Map<T>, events: Y.YEvent<Y.AbstractType<unknown>>[]): Set<string> {
  const ids = new Set<string>();
  for (const event of events) {
    if (event.target === collection) {
      for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key);
    } else {
      const first = event.path[0];
      if (typeof first === "string") ids.add(first);
    }
  }
  return ids;
}

function buildNodes(doc: Y.Doc, drags: ReadonlyMap<string, DragPosition>): BoardNode[] {
  const maps = boardMaps(doc);
  const nodes: BoardNode[] = [];
  maps.notes.forEach((map, id) => nodes.push(noteNode(readNote(id, map), undefined, drags.get(id))));
  maps.initiatives.forEach((map, id) => nodes.push(initiativeNode(readInitiative(id, map), undefined, drags.get(id))));
  return nodes;
}

function buildEdges(doc: Y.Doc): LinkEdge[] {
  const edges: LinkEdge[] = [];
  boardMaps(doc).links.forEach((map, id) => edges.push(linkEdge(readLink(id, map), undefined)));
  return edges;
}

/** Replaces the nodes of `ids` (rebuilding from the doc), drops deleted ones, appends new ones. */
function patchList<T extends { id: string }>(previous: T[], ids: Set<string>, rebuild: (id: string, old: T | undefined) => T | null): T[] {
  if (ids.size === 0) return previous;
  const seen = new Set<string>();
  const next: T[] = [];
  for (const item of previous) {
    if (!ids.has(item.id)) {
      next.push(item);
      continue;
    }
    seen.add(item.id);
    const rebuilt = rebuild(item.id, item);
    if (rebuilt) next.push(rebuilt);
  }
  for (const id of ids) {
    if (seen.has(id)) continue;
    const created = rebuild(id, undefined);
    if (created) next.push(created);
  }
  return next;
}

/**
 * React Flow nodes and edges mirrored from the document. Only items a change touched are
 * rebuilt; every other node keeps its object identity, so React Flow re-renders just those.
 */
export function useBoardGraph(doc: Y.Doc, presence: PresenceStore) {
  const [nodes, setNodes] = useState<BoardNode[]>(() => buildNodes(doc, presence.dragPositions()));
  const [edges, setEdges] = useState<LinkEdge[]>(() => buildEdges(doc));
  const dragsRef = useRef<ReadonlyMap<string, DragPosition>>(presence.dragPositions());

  useEffect(() => {
    const maps = boardMaps(doc);
    const rebuildNode = (id: string, old: BoardNode | undefined): BoardNode | null => {
      const drag = dragsRef.current.get(id);
      const initiative = maps.initiatives.get(id);
      if (initiative) return initiativeNode(readInitiative(id, initiative), old, drag);
      const note = maps.notes.get(id);
      return note ? noteNode(readNote(id, note), old, drag) : null;
    };
    const patchNodes = (ids: Set<string>) => setNodes((previous) => patchList(previous, ids, rebuildNode));
    const onInitiatives = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => patchNodes(touchedIds(maps.initiatives, events));
    const onNotes = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => patchNodes(touchedIds(maps.notes, events));
    const onLinks = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
      const ids = touchedIds(maps.links, events);
      setEdges((previous) =>
        patchList(previous, ids, (id, old) => {
          const link = maps.links.get(id);
          return link ? linkEdge(readLink(id, link), old) : null;
        }),
      );
    };
    const onPresence = () => {
      const before = dragsRef.current;
      const after = presence.dragPositions();
      if (before === after) return;
      const ids = new Set<string>();
      for (const [id, position] of after) {
        const old = before.get(id);
        if (!old || old.x !== position.x || old.y !== position.y) ids.add(id);
      }
      for (const id of before.keys()) if (!after.has(id)) ids.add(id);
      dragsRef.current = after;
      patchNodes(ids);
    };
    // The document may have changed between the first render and this effect (initial sync).
    setNodes((previous) => {
      const fresh = buildNodes(doc, dragsRef.current);
      const old = new Map(previous.map((node) => [node.id, node]));
      return fresh.map((node) => ({ ...node, ...carryOver(old.get(node.id)), position: node.position }) as BoardNode);
    });
    setEdges(buildEdges(doc));
    maps.initiatives.observeDeep(onInitiatives);
    maps.notes.observeDeep(onNotes);
    maps.links.observeDeep(onLinks);
    const unsubscribe = presence.subscribe(onPresence);
    return () => {
      maps.initiatives.unobserveDeep(onInitiatives);
      maps.notes.unobserveDeep(onNotes);
      maps.links.unobserveDeep(onLinks);
      unsubscribe();
    };
  }, [doc, presence]);

  // Removals come back from the document; applying them locally first would hide a refused delete.
  const onNodesChange = useCallback((changes: NodeChange<BoardNode>[]) => {
    setNodes((previous) => applyNodeChanges(changes.filter((change) => change.type !== "remove"), previous));
  }, []);
  const onEdgesChange = useCallback((changes: EdgeChange<LinkEdge>[]) => {
    setEdges((previous) => applyEdgeChanges(changes.filter((change) => change.type !== "remove"), previous));
  }, []);

  return { nodes, edges, onNodesChange, onEdgesChange };
}
