"use client";

import { useStoreApi } from "@xyflow/react";
import { useCallback } from "react";
import { useFitView } from "./useFitView";

/** How many frames a selection waits for cards just written to the document to reach React Flow. */
const MAX_WAIT_FRAMES = 10;

/** Selects cards (replacing the selection) and frames them; the first gets keyboard focus. */
export function useSelectCards(): (ids: readonly string[], options?: { focus?: boolean }) => void {
  const store = useStoreApi();
  const fitView = useFitView();
  return useCallback(
    (ids, options = {}) => {
      const select = (waited: number) => {
        const state = store.getState();
        const present = ids.filter((id) => state.nodeLookup.has(id));
        // Cards just written to the document (a paste, a duplicate) reach React Flow a render later.
        if (present.length < ids.length && waited < MAX_WAIT_FRAMES) {
          requestAnimationFrame(() => select(waited + 1));
          return;
        }
        if (present.length === 0) {
          state.resetSelectedElements();
          return;
        }
        // Replaces the selection by itself; a reset first would cancel out for cards already selected.
        state.addSelectedNodes(present);
        const focusFirst = () => document.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(present[0] ?? "")}"]`)?.focus({ preventScroll: true });
        // A card already on screen takes focus now; one that is not renders once the view reaches it.
        if (options.focus) focusFirst();
        void fitView({ nodes: present.map((id) => ({ id })), padding: 0.3, maxZoom: 1.2, duration: 250 }).then(() => {
          if (options.focus) requestAnimationFrame(focusFirst);
        });
      };
      select(0);
    },
    [store, fitView],
  );
}
