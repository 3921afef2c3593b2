"use client";

import { createContext, useContext } from "react";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";

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

/**
 * Far-away cards that React Flow does not render: FarZoomCanvas draws them and
 * useFarZoomPointer points at them. They are copies of the board's nodes marked `hidden`,
 * remembered here so that a filter's `hidden` (the card is not on the board at all) and this
 * one (it is on the board, as pixels) can be told apart.
 */
const farCopies = new WeakMap<object, object>();
const farHidden = new WeakSet<object>();

/** True for a node on the board, whether React Flow renders it or the far canvas draws it. */
export function isOnBoard(node: { hidden?: boolean }): boolean {
  return !node.hidden || farHidden.has(node);
}

interface FarNode {
  id: string;
  type?: string;
  hidden?: boolean;
  selected?: boolean;
}

interface FarEdge {
  id: string;
  source: string;
  target: string;
  selected?: boolean;
}

/**
 * What React Flow gets at far zoom: every card that is not selected (or an end of a selected
 * link, or one of `keepIds`: having its title edited, holding keyboard focus) is hidden, so it costs neither DOM nor hit-testing nor
 * React Flow's per-node bookkeeping; links with a hidden end are left out for the canvas to
 * draw. Each hidden copy is made once per node object, so unchanged cards keep their identity.
 */
export function splitForFarZoom<N extends FarNode, E extends FarEdge>(
  nodes: readonly N[],
  edges: readonly E[],
  keepIds: readonly (string | null)[],
): { nodes: N[]; edges: E[]; farCards: N[]; farLinks: E[] } {
  const keep = new Set<string>();
  for (const id of keepIds) if (id) keep.add(id);
  for (const edge of edges) {
    if (!edge.selected) continue;
    keep.add(edge.source);
    keep.add(edge.target);
  }
  const shown = new Set<string>();
  const farCards: N[] = [];
  const out = nodes.map((node) => {
    if (node.type !== "initiative" || node.hidden || node.selected || keep.has(node.id)) {
      if (!node.hidden) shown.add(node.id);
      return node;
    }
    farCards.push(node);
    let copy = farCopies.get(node) as N | undefined;
    if (!copy) {
      copy = { ...node, hidden: true };
      farCopies.set(node, copy);
      farHidden.add(copy);
    }
    return copy;
  });
  const rendered: E[] = [];
  const farLinks: E[] = [];
  for (const edge of edges) {
    if (shown.has(edge.source) && shown.has(edge.target)) rendered.push(edge);
    else farLinks.push(edge);
  }
  return { nodes: out, edges: rendered, farCards, farLinks };
}

/** The topmost far card under a board point: the last one drawn wins, as on the canvas. */
export function farCardAt<N extends { position: { x: number; y: number } }>(cards: readonly N[], point: { x: number; y: number }): N | undefined {
  for (let index = cards.length - 1; index >= 0; index--) {
    const card = cards[index];
    if (!card) continue;
    const { x, y } = card.position;
    if (point.x >= x && point.x <= x + CARD_WIDTH && point.y >= y && point.y <= y + CARD_HEIGHT) return card;
  }
  return undefined;
}

/**
 * Reading order for cards: rows a card's height apart, top to bottom, then left to right, so
 * cards a few pixels out of line still read as one row.
 */
export function byReadingOrder(a: { position: { x: number; y: number } }, b: { position: { x: number; y: number } }): number {
  return Math.floor(a.position.y / CARD_HEIGHT) - Math.floor(b.position.y / CARD_HEIGHT) || a.position.x - b.position.x;
}

/** The part of the board in view, in board coordinates. */
export interface ViewRect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export function viewRect({ transform: [tx, ty, zoom], width, height }: { transform: readonly [number, number, number]; width: number; height: number }): ViewRect {
  const left = -tx / zoom;
  const top = -ty / zoom;
  return { left, top, right: left + width / zoom, bottom: top + height / zoom };
}

/** True when a card whose top-left corner is (x, y) shows, at least in part, in `view`. */
export function cardInView(view: ViewRect, x: number, y: number): boolean {
  return x <= view.right && x + CARD_WIDTH >= view.left && y <= view.bottom && y + CARD_HEIGHT >= view.top;
}
