"use client";

import { useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type * as Y from "yjs";
import { computeHints, type Hint } from "@/lib/board/hints";
import type { ViewOptions } from "@/lib/board/projections";
import { NO_FILTERS, type BoardFilters } from "../../_lib/views/filters";
import type { Bounds } from "../../_lib/views/layoutBounds";
import { useLaggingContent } from "../../_lib/views/useLaggingContent";
import { BoardViewContext, type BoardViewState, type ViewPanel } from "../../_lib/views/viewContext";
import { CANVAS_VIEW } from "../../_lib/views/viewOptions";
import { useFitView } from "../../_lib/views/useFitView";

/** Room around a framed layout; more at the top, where the facilitation bar floats over the canvas. */
const FIT_PADDING = { top: "64px", bottom: "24px", left: "24px", right: "24px" } as const;
/** fitBounds takes one relative padding only; the top room is added to the bounds instead. */
const BOUNDS_PADDING = 0.04;
const BOUNDS_TOP_ROOM = 0.06;
/** A layout this many times taller than the canvas is framed by its width instead. */
const TALL_LAYOUT_RATIO = 2;
/** How stale panels, hints and search may be while people type (ms). */
const CONTENT_LAG_MS = 400;

/**
 * The part of a layout to frame: all of it, with room at the top; but a layout much taller than
 * the canvas (swimlanes of a big board) is framed by its width from the top, so lanes stay
 * readable and the rest is a scroll away rather than a blur.
 */
function readableFrame(bounds: Bounds): Bounds {
  const canvas = document.querySelector('[data-testid="board-canvas"]')?.getBoundingClientRect();
  const aspect = canvas && canvas.width > 0 ? canvas.height / canvas.width : 0.6;
  const framed = { ...bounds, y: bounds.y - bounds.height * BOUNDS_TOP_ROOM, height: bounds.height * (1 + BOUNDS_TOP_ROOM) };
  return framed.height > framed.width * aspect * TALL_LAYOUT_RATIO ? { ...framed, height: framed.width * aspect } : framed;
}

function hintIndex(hints: readonly Hint[]): Map<string, { key: string; hints: Hint[] }> {
  const byId = new Map<string, { key: string; hints: Hint[] }>();
  for (const hint of hints) {
    for (const id of hint.initiativeIds) {
      const entry = byId.get(id);
      if (entry) entry.hints.push(hint);
      else byId.set(id, { key: "", hints: [hint] });
    }
  }
  for (const entry of byId.values()) entry.key = entry.hints.map((hint) => `${hint.code}:${hint.message}`).join("\n");
  return byId;
}

/** Holds this person's view, filters and open panel for the board page (inside React Flow's provider). */
export function BoardViewProvider({ doc, children }: { doc: Y.Doc; children: ReactNode }) {
  const [view, setViewState] = useState<ViewOptions>(CANVAS_VIEW);
  const [filters, setFiltersState] = useState<BoardFilters>(NO_FILTERS);
  const [panel, setPanel] = useState<ViewPanel>(null);
  const [searchRequest, setSearchRequest] = useState(0);
  const [fit, setFit] = useState<{ serial: number; ids?: readonly string[] }>({ serial: 0 });
  const content = useLaggingContent(doc, CONTENT_LAG_MS);
  const { fitBounds } = useReactFlow();
  const fitView = useFitView();
  const layoutBoundsRef = useRef<Bounds | null>(null);

  const hints = useMemo(() => computeHints(content, new Date()), [content]);
  const hintsById = useMemo(() => hintIndex(hints), [hints]);
  const requestFit = useCallback((ids?: readonly string[]) => setFit((previous) => ({ serial: previous.serial + 1, ids })), []);

  useEffect(() => {
    if (fit.serial === 0) return;
    // The new layout reaches React Flow's store in this commit; frame it on the next frame.
    const frame = requestAnimationFrame(() => {
      const bounds = layoutBoundsRef.current;
      if (bounds && !fit.ids) void fitBounds(readableFrame(bounds), { padding: BOUNDS_PADDING, duration: 250 });
      else void fitView({ padding: FIT_PADDING, maxZoom: 1, duration: 250, ...(fit.ids ? { nodes: fit.ids.map((id) => ({ id })) } : {}) });
    });
    return () => cancelAnimationFrame(frame);
  }, [fit, fitView, fitBounds]);

  const setView = useCallback(
    (next: ViewOptions) => {
      setViewState(next);
      requestFit();
    },
    [requestFit],
  );
  const setFilters = useCallback(
    (next: BoardFilters) => {
      setFiltersState(next);
      // Hiding cards changes what a structured layout holds: frame the new arrangement.
      if (next.mode === "hide" || filters.mode === "hide") requestFit();
    },
    [filters.mode, requestFit],
  );

  const state = useMemo<BoardViewState>(
    () => ({
      view,
      setView,
      filters,
      setFilters,
      panel,
      setPanel,
      searchRequest,
      openSearch: () => setSearchRequest((serial) => serial + 1),
      content,
      hints,
      hintsById,
      requestFit,
      layoutBoundsRef,
    }),
    [view, setView, filters, setFilters, panel, searchRequest, content, hints, hintsById, requestFit],
  );
  return <BoardViewContext.Provider value={state}>{children}</BoardViewContext.Provider>;
}
