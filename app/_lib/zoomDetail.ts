"use client";

import { createContext, useContext } from "react";

/**
 * Below this zoom a card's text is a few pixels tall and cannot be read: cards are drawn as
 * tiles in their model's colour with a large title. A tile is a handful of DOM nodes instead of
 * a few dozen, which is what keeps a fitted 2,000-card board quick to open and to pan.
 */
export const FAR_ZOOM = 0.3;

/** True while the canvas is zoomed out past FAR_ZOOM; provided once by the canvas. */
export const FarZoomContext = createContext(false);

export function useFarZoom(): boolean {
  return useContext(FarZoomContext);
}

/** A far card's outline when it has no model. */
export const NO_MODEL_COLOR = "#94a3b8";

/**
 * A far card's fill: its model colour mixed with white, the same for the canvas
 * (FarZoomCanvas) and a selected card's tile (InitiativeCard), so selecting one changes nothing
 * but its ring.
 */
export function farTileFill(hex: string): string {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match?.[1]) return "#f1f5f9";
  const value = Number.parseInt(match[1], 16);
  const channel = (shift: number) => Math.round(((value >> shift) & 255) * 0.28 + 255 * 0.72);
  return `rgb(${channel(16)} ${channel(8)} ${channel(0)})`;
}
