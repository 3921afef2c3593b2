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
