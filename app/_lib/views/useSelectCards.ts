"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { useCallback } from "react";

/** Selects cards (replacing the selection) and frames them; the first gets keyboard focus. */
export function useSelectCards(): (ids: readonly string[], options?: { focus?: boolean }) => void {
  const store = useStoreApi();
  const { fitView } = useReactFlow();
  return useCallback(
    (ids, options = {}) => {
      const state = store.getState();
      const present = ids.filter((id) => state.nodeLookup.has(id));
      if (present.length === 0) {
        state.resetSelectedElements();
        return;
      }
      // Replaces the selection by itself; a reset first would cancel out for cards already selected.
      state.addSelectedNodes(present);
      void fitView({ nodes: present.map((id) => ({ id })), padding: 0.3, maxZoom: 1.2, duration: 250 }).then(() => {
        if (!options.focus) return;
        // The node renders once it is inside the viewport (only visible cards are rendered).
        requestAnimationFrame(() => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(present[0] ?? "")}"]`)?.focus());
      });
    },
    [store, fitView],
  );
}
