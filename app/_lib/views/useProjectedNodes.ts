"use client";

import { useCallback, useDeferredValue, useEffect, useMemo, useRef } from "react";
import { updateInitiative } from "@/lib/board/mutations";
import { DEFAULT_RING_WIDTH, fieldsForDrop, layout, type Guide, type Point, type ViewOptions } from "@/lib/board/projections";
import { SCHEMA_VERSION } from "@/lib/board/schema";
import type { BoardContent, InitiativeContent } from "@/lib/board/types";
import { useBoardSession } from "../boardContext";
import type { BoardNode } from "../useBoardGraph";
import { isFiltering, matchesFilters } from "./filters";
import { layoutBounds, ringWidthFor } from "./layoutBounds";
import { useBoardView } from "./viewContext";

/** Class React Flow puts on the node wrapper of a card that does not match the filters. */
export const DIMMED_NODE_CLASS = "opacity-25 saturate-50";

interface Derived {
  base: BoardNode;
  x: number;
  y: number;
  hidden: boolean;
  dimmed: boolean;
  hintKey: string;
  node: BoardNode;
}

export interface ProjectedNodes {
  nodes: BoardNode[];
  guides: Guide[];
  /** In a structured view, writes the field edit a drop means and returns true; false on the free canvas. */
  drop: (id: string, point: Point) => boolean;
}

/**
 * The canvas's nodes as the current view shows them: structured views place cards by
 * `layout(...)` (a card being dragged keeps its pointer position), notes, text and frames appear only on the
 * free canvas, filters dim or hide cards, and cards carry their hints for badges. Derived nodes
 * are cached per card, so a change to one card hands React Flow exactly one new node object.
 */
export function useProjectedNodes(nodes: BoardNode[]): ProjectedNodes {
  const { view, filters, hintsById, layoutBoundsRef } = useBoardView();
  const { doc, origin, models, requestModelChange } = useBoardSession();
  const structured = view.kind !== "canvas";
  const filtering = isFiltering(filters);
  // Typing in a title must not wait for a 2,000-card layout: the layout may trail by a frame.
  const layoutSource = useDeferredValue(nodes);

  const matches = useMemo(() => {
    if (!filtering) return null;
    const result = new Map<string, boolean>();
    for (const node of nodes) if (node.type === "initiative") result.set(node.id, matchesFilters(node.data.initiative, models, filters));
    return result;
  }, [filtering, nodes, models, filters]);

  const projection = useMemo(() => {
    if (!structured) return null;
    const initiatives: Record<string, InitiativeContent> = {};
    for (const node of layoutSource) {
      if (node.type !== "initiative") continue;
      if (filters.mode === "hide" && filtering && !matchesFilters(node.data.initiative, models, filters)) continue;
      initiatives[node.id] = node.data.initiative;
    }
    const content: BoardContent = {
      meta: { schemaVersion: SCHEMA_VERSION, title: "" },
      models: Object.fromEntries(models),
      initiatives,
      links: {},
      notes: {},
    };
    // Rings widen with the card count so the inner rings do not pile cards on each other.
    const effectiveView: ViewOptions =
      view.kind === "rings" ? { ...view, ringWidth: ringWidthFor(Object.keys(initiatives).length, DEFAULT_RING_WIDTH) } : view;
    const placed = layout(content, effectiveView);
    return { content, view: effectiveView, ...placed, bounds: layoutBounds(placed.positions, placed.guides) };
  }, [structured, layoutSource, models, view, filters, filtering]);

  useEffect(() => {
    layoutBoundsRef.current = projection?.bounds ?? null;
  }, [projection, layoutBoundsRef]);

  const cache = useRef(new Map<string, Derived>());
  const projected = useMemo(() => {
    const previous = cache.current;
    const next = new Map<string, Derived>();
    const result: BoardNode[] = [];
    // Frames go first: the minimap draws nodes in list order (it ignores zIndex), so frames listed
    // after a card would cover it there. On the canvas their zIndex keeps them behind anyway.
    const frames: BoardNode[] = [];
    for (const base of nodes) {
      const list = base.type === "frame" ? frames : result;
      let position = base.position;
      let hidden = false;
      let dimmed = false;
      let hintKey = "";
      let hints;
      if (base.type !== "initiative") {
        hidden = structured;
      } else {
        const match = matches?.get(base.id) ?? true;
        hidden = !match && filters.mode === "hide";
        dimmed = !match && filters.mode === "dim";
        const entry = hintsById.get(base.id);
        hintKey = entry?.key ?? "";
        hints = entry?.hints;
        const placed = projection?.positions[base.id];
        if (placed && !base.dragging) position = placed;
      }
      const old = previous.get(base.id);
      if (old && old.base === base && old.x === position.x && old.y === position.y && old.hidden === hidden && old.dimmed === dimmed && old.hintKey === hintKey) {
        next.set(base.id, old);
        list.push(old.node);
        continue;
      }
      const plain = position === base.position && !hidden && !dimmed && !hints;
      const node = plain
        ? base
        : ({
            ...base,
            position,
            hidden,
            className: dimmed ? DIMMED_NODE_CLASS : undefined,
            data: base.type === "initiative" && hints ? { ...base.data, hints } : base.data,
          } as BoardNode);
      const derived = { base, x: position.x, y: position.y, hidden, dimmed, hintKey, node };
      next.set(base.id, derived);
      list.push(node);
    }
    cache.current = next;
    return frames.length > 0 ? [...frames, ...result] : result;
  }, [nodes, matches, filters.mode, hintsById, projection, structured]);

  const projectionRef = useRef(projection);
  projectionRef.current = projection;
  const drop = useCallback(
    (id: string, point: Point) => {
      const current = projectionRef.current;
      if (!current) return false;
      const { modelId, ...edit } = fieldsForDrop(current.content, current.view, id, point);
      if (Object.keys(edit).length > 0) updateInitiative(doc, id, edit, origin);
      // A lane change is a model change: it asks for the rationale like every other one.
      if (modelId !== undefined) requestModelChange(id, typeof modelId === "string" ? modelId : null);
      return true;
    },
    [doc, origin, requestModelChange],
  );

  return { nodes: projected, guides: projection?.guides ?? [], drop };
}
