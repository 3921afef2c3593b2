"use client";

import { createContext, useContext } from "react";
import type { Hint } from "@/lib/board/hints";
import type { ViewOptions } from "@/lib/board/projections";
import type { BoardContent } from "@/lib/board/types";
import type { BoardFilters } from "./filters";
import type { Bounds } from "./layoutBounds";

export type ViewPanel = "library" | "portfolio" | null;

/**
 * What this person is looking at (local state: each person picks their own view and filters;
 * saved views are how a team shares one), plus a lagging snapshot of the board for panels,
 * hints and search, re-read at most a few times a second so big boards stay fluid.
 */
export interface BoardViewState {
  view: ViewOptions;
  setView: (view: ViewOptions) => void;
  filters: BoardFilters;
  setFilters: (filters: BoardFilters) => void;
  panel: ViewPanel;
  setPanel: (panel: ViewPanel) => void;
  /** Bumped to ask the search box to take focus. */
  searchRequest: number;
  openSearch: () => void;
  content: BoardContent;
  hints: Hint[];
  /** Hints per initiative id, with a stable key per card so unchanged badges never re-render. */
  hintsById: ReadonlyMap<string, { key: string; hints: Hint[] }>;
  /** Frames the given cards (the whole view when omitted) once the next layout is on screen. */
  requestFit: (ids?: readonly string[]) => void;
  /** What a structured view draws (cards and guides), written by the canvas; null on the free canvas. */
  layoutBoundsRef: { current: Bounds | null };
}

export const BoardViewContext = createContext<BoardViewState | null>(null);

export function useBoardView(): BoardViewState {
  const state = useContext(BoardViewContext);
  if (!state) throw new Error("useBoardView outside a board view provider");
  return state;
}
