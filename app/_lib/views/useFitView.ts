"use client";

import { useReactFlow, useStoreApi, type FitViewOptions } from "@xyflow/react";
import { useCallback } from "react";
import { isOnBoard } from "../zoomDetail";

/**
 * React Flow's fitView, counting the cards drawn on the far-zoom canvas: they are `hidden` to
 * React Flow (so it does not render them), which its own fitView would leave out. Cards hidden
 * by a filter stay out of a whole-board fit.
 */
export function useFitView(): (options?: FitViewOptions) => Promise<boolean> {
  const { fitView } = useReactFlow();
  const store = useStoreApi();
  return useCallback(
    (options: FitViewOptions = {}) => {
      if (options.nodes) return fitView({ ...options, includeHiddenNodes: true });
      const all = store.getState().nodes;
      // React Flow runs a fit once new nodes are measured, which may be later than now: unless a
      // filter hides cards, let it take every node it has then, far cards included.
      if (all.every(isOnBoard)) return fitView({ ...options, includeHiddenNodes: true });
      return fitView({ ...options, nodes: all.filter(isOnBoard).map((node) => ({ id: node.id })), includeHiddenNodes: true });
    },
    [fitView, store],
  );
}
