"use client";

import type { NodeChange } from "@xyflow/react";
import { useCallback, useMemo, useRef } from "react";
import type * as Y from "yjs";
import { frameMembers, moveFrames } from "@/lib/board/frames";
import { noteKindOf } from "@/lib/board/noteKinds";
import type { TransactionOrigin } from "@/lib/board/origins";
import { boardMaps, readBoard, readNote } from "@/lib/board/schema";
import { MAX_CARRIED_IDS } from "./presence";
import type { BoardNode } from "./useBoardGraph";

interface Carried {
  /** The dragged frames' corners when the drag began. */
  frames: Map<string, { x: number; y: number }>;
  /** What those frames hold (and is not itself dragged), with its corner when the drag began. */
  members: Map<string, { x: number; y: number; frameId: string }>;
  /** Every id this drag moves: the dragged nodes and the members. */
  moving: string[];
}

function isFrame(doc: Y.Doc, id: string): boolean {
  const map = boardMaps(doc).notes.get(id);
  return map !== undefined && noteKindOf(readNote(id, map)) === "frame";
}

/**
 * Dragging a frame carries what it holds: while the pointer moves, the members follow on this
 * screen only (local node positions); when the drag ends, `settle` writes the frame and every
 * member in one transaction through `moveFrames`, so history shows one move.
 */
export function useFrameDrag(doc: Y.Doc, applyLocal: (changes: NodeChange<BoardNode>[]) => void) {
  const carried = useRef<Carried | null>(null);

  const onDragStart = useCallback(
    (dragged: BoardNode[]) => {
      const frames = dragged.filter((node) => node.type === "frame" && isFrame(doc, node.id));
      if (frames.length === 0) {
        carried.current = null;
        return;
      }
      const content = readBoard(doc);
      const draggedIds = new Set(dragged.map((node) => node.id));
      const members = new Map<string, { x: number; y: number; frameId: string }>();
      for (const frame of frames) {
        const held = frameMembers(content, frame.id);
        for (const id of held.initiatives) {
          const item = content.initiatives[id];
          if (item && !draggedIds.has(id) && !members.has(id)) members.set(id, { x: item.x, y: item.y, frameId: frame.id });
        }
        for (const id of held.notes) {
          const item = content.notes[id];
          if (item && !draggedIds.has(id) && !members.has(id)) members.set(id, { x: item.x, y: item.y, frameId: frame.id });
        }
      }
      carried.current = {
        frames: new Map(frames.map((node) => [node.id, { ...node.position }])),
        members,
        moving: [...draggedIds, ...members.keys()],
      };
    },
    [doc],
  );

  /**
   * The ids that move with `primaryId` (the node under the pointer) in a frame drag, for peers'
   * screens (see DragState in presence.ts); none when no frame is dragged.
   */
  const carriedAlong = useCallback((primaryId: string): string[] => {
    const state = carried.current;
    if (!state) return [];
    return state.moving.filter((id) => id !== primaryId).slice(0, MAX_CARRIED_IDS);
  }, []);

  const onDrag = useCallback(
    (dragged: BoardNode[]) => {
      const state = carried.current;
      if (!state || state.members.size === 0) return;
      const offsets = new Map<string, { dx: number; dy: number }>();
      for (const node of dragged) {
        const start = state.frames.get(node.id);
        if (start) offsets.set(node.id, { dx: node.position.x - start.x, dy: node.position.y - start.y });
      }
      const changes: NodeChange<BoardNode>[] = [];
      for (const [id, member] of state.members) {
        const offset = offsets.get(member.frameId);
        if (offset) changes.push({ type: "position", id, position: { x: member.x + offset.dx, y: member.y + offset.dy }, dragging: true });
      }
      applyLocal(changes);
    },
    [applyLocal],
  );

  /**
   * Writes finished frame moves (drag ends and keyboard nudges) with their members. Returns the
   * ids it wrote, so the caller does not move them a second time.
   */
  const settle = useCallback(
    (settled: { id: string; position: { x: number; y: number } }[], origin: TransactionOrigin): Set<string> => {
      const moves = new Map<string, { x: number; y: number }>();
      for (const change of settled) if (isFrame(doc, change.id)) moves.set(change.id, change.position);
      const state = carried.current;
      carried.current = null;
      if (state && state.members.size > 0) {
        // Members stop "dragging" first, so the document's new positions replace the local ones.
        applyLocal(Array.from(state.members.keys(), (id) => ({ type: "position", id, dragging: false })));
      }
      if (moves.size === 0) return new Set();
      return moveFrames(doc, moves, origin);
    },
    [doc, applyLocal],
  );

  // One stable object, so the canvas callbacks built on it keep their identity between renders.
  return useMemo(() => ({ onDragStart, onDrag, settle, carriedAlong }), [onDragStart, onDrag, settle, carriedAlong]);
}
