"use client";

import { useStoreApi } from "@xyflow/react";
import { memo, useEffect, useMemo, useRef, useState } from "react";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { linkStyle } from "@/lib/board/linkStyle";
import type { ModelContent } from "@/lib/board/types";
import { useBoardSession } from "../_lib/boardContext";
import { parseSelectionKey, type PresenceStore } from "../_lib/presence";
import type { BoardNode, InitiativeNode, LinkEdge } from "../_lib/useBoardGraph";
import { DIMMED_NODE_CLASS } from "../_lib/views/useProjectedNodes";
import { cardInView, farTileFill, NO_MODEL_COLOR, viewRect } from "../_lib/zoomDetail";

/** Titles are drawn only where they are at least this many screen pixels tall. */
const MIN_TITLE_SCREEN_PX = 5;
/** The title's size in board pixels, as on a tile (InitiativeCard's InitiativeTile). */
const TITLE_FONT_PX = 30;
const TITLE_LINE_PX = 36;
const TITLE_FONT = `600 ${TITLE_FONT_PX}px ui-sans-serif, system-ui, sans-serif`;
/** Below this zoom a card's rounded corner is under a pixel: plain rectangles are cheaper. */
const ROUND_CORNERS_FROM_ZOOM = 0.12;

/** The first lines of `text` that fit `width` at the context's font, the last one cut with "…". */
function wrapTitle(context: CanvasRenderingContext2D, text: string, width: number, lines: number): string[] {
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = "";
  for (const word of words) {
    const candidate = line ? `${line} ${word}` : word;
    if (context.measureText(candidate).width <= width || !line) {
      line = candidate;
      continue;
    }
    out.push(line);
    line = word;
    if (out.length === lines) break;
  }
  if (out.length < lines && line) out.push(line);
  if (out.length === lines && words.join(" ") !== out.join(" ")) out[lines - 1] = `${out[lines - 1]}…`;
  return out;
}

interface TileGroup {
  fill: string;
  stroke: string;
  alpha: number;
  cards: { x: number; y: number; title: string }[];
}

interface LineGroup {
  stroke: string;
  width: number;
  dash: number[];
  lines: number[];
}

/** Cards grouped by how they are painted, so a frame is a handful of fills, not one per card. */
function groupTiles(cards: readonly InitiativeNode[], models: ReadonlyMap<string, ModelContent>): TileGroup[] {
  const groups = new Map<string, TileGroup>();
  for (const card of cards) {
    const modelId = card.data.initiative.modelId;
    const color = (modelId ? models.get(modelId)?.color : undefined) ?? NO_MODEL_COLOR;
    const alpha = card.className === DIMMED_NODE_CLASS ? 0.25 : 1;
    const key = `${color}|${alpha}`;
    let group = groups.get(key);
    if (!group) {
      group = { fill: farTileFill(color), stroke: color, alpha, cards: [] };
      groups.set(key, group);
    }
    group.cards.push({ x: card.position.x, y: card.position.y, title: card.data.initiative.title || "Untitled" });
  }
  return [...groups.values()];
}

/** Links as straight segments from the source's right side to the target's left, by style. */
function groupLines(links: readonly LinkEdge[], nodes: readonly BoardNode[], models: ReadonlyMap<string, ModelContent>): LineGroup[] {
  const positions = new Map<string, { x: number; y: number }>();
  for (const node of nodes) if (!node.hidden && node.type === "initiative") positions.set(node.id, node.position);
  const groups = new Map<string, LineGroup>();
  for (const link of links) {
    const from = positions.get(link.source);
    const to = positions.get(link.target);
    if (!from || !to || !link.data) continue;
    const style = linkStyle(link.data.link, models);
    const key = `${style.stroke}|${style.strokeWidth}|${style.dash ?? ""}`;
    let group = groups.get(key);
    if (!group) {
      group = { stroke: style.stroke, width: style.strokeWidth, dash: style.dash ? style.dash.split(" ").map(Number) : [], lines: [] };
      groups.set(key, group);
    }
    group.lines.push(from.x + CARD_WIDTH, from.y + CARD_HEIGHT / 2, to.x, to.y + CARD_HEIGHT / 2);
  }
  return [...groups.values()];
}

/** Ring width of a card another person has selected, in board pixels (as on a tile). */
const PEER_RING_PX = 6;

/** The first colour of the peers who selected each card; changes only when selections do. */
function usePeerRings(presence: PresenceStore): ReadonlyMap<string, string> {
  const [rings, setRings] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let lastKey = "";
    const update = () => {
      const next = new Map<string, string>();
      for (const [id, key] of presence.selections()) {
        const color = parseSelectionKey(key)[0]?.color;
        if (color) next.set(id, color);
      }
      const key = [...next].map(([id, color]) => `${id}=${color}`).join(",");
      if (key === lastKey) return;
      lastKey = key;
      setRings(next);
    };
    update();
    return presence.subscribe(update);
  }, [presence]);
  return rings;
}

interface FarZoomCanvasProps {
  /** Cards React Flow does not render (see splitForFarZoom). */
  cards: readonly InitiativeNode[];
  /** Links React Flow does not render: at least one end is a far card. */
  links: readonly LinkEdge[];
  /** Every node, for the positions of links' ends that React Flow renders. */
  nodes: readonly BoardNode[];
  models: ReadonlyMap<string, ModelContent>;
  /** Keyboard focus arrived on the canvas (Tab): BoardCanvas hands it to a card. */
  onFocus: () => void;
}

/**
 * Seen from far away, every card that is not selected is pixels on one screen-sized canvas,
 * with the links that touch them: no DOM node, no hit-testing by the browser, no React work
 * per card. Each frame of a pan or zoom repaints what is in view from the viewport transform,
 * a few fills grouped by model colour; selected cards stay React Flow nodes above it.
 * useFarZoomPointer does the pointing: selecting, dragging, hovering, double-clicking.
 */
function FarZoomCanvasView({ cards, links, nodes, models, onFocus }: FarZoomCanvasProps) {
  const store = useStoreApi();
  const { presence } = useBoardSession();
  const peerRings = usePeerRings(presence);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tiles = useMemo(() => groupTiles(cards, models), [cards, models]);
  const lines = useMemo(() => groupLines(links, nodes, models), [links, nodes, models]);
  // Wrapping depends only on the title and the (fixed) font, so it survives zooming and panning.
  const wrappedRef = useRef(new Map<string, string[]>());

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const { width, height, transform } = store.getState();
      const [tx, ty, zoom] = transform;
      const ratio = window.devicePixelRatio || 1;
      const pixelWidth = Math.round(width * ratio);
      const pixelHeight = Math.round(height * ratio);
      if (canvas.width !== pixelWidth || canvas.height !== pixelHeight) {
        canvas.width = pixelWidth;
        canvas.height = pixelHeight;
      } else {
        context.setTransform(1, 0, 0, 1, 0, 0);
        context.clearRect(0, 0, pixelWidth, pixelHeight);
      }
      context.setTransform(zoom * ratio, 0, 0, zoom * ratio, tx * ratio, ty * ratio);
      const view = viewRect({ transform, width, height });
      const { left, top, right, bottom } = view;
      const pixel = 1 / zoom;

      for (const group of lines) {
        context.beginPath();
        const segments = group.lines;
        for (let index = 0; index < segments.length; index += 4) {
          const x1 = segments[index] ?? 0;
          const y1 = segments[index + 1] ?? 0;
          const x2 = segments[index + 2] ?? 0;
          const y2 = segments[index + 3] ?? 0;
          if (Math.max(x1, x2) < left || Math.min(x1, x2) > right || Math.max(y1, y2) < top || Math.min(y1, y2) > bottom) continue;
          context.moveTo(x1, y1);
          context.lineTo(x2, y2);
        }
        context.strokeStyle = group.stroke;
        // At least a screen pixel wide, with dashes as long on screen as at full size.
        context.lineWidth = Math.max(group.width, pixel);
        context.setLineDash(group.dash.map((length) => length * pixel));
        context.stroke();
      }
      context.setLineDash([]);

      let painted = 0;
      const round = zoom >= ROUND_CORNERS_FROM_ZOOM;
      const drawTitles = TITLE_FONT_PX * zoom >= MIN_TITLE_SCREEN_PX;
      context.lineWidth = Math.max(2, pixel);
      for (const group of tiles) {
        context.beginPath();
        let any = false;
        for (const card of group.cards) {
          if (!cardInView(view, card.x, card.y)) continue;
          any = true;
          painted++;
          if (round) context.roundRect(card.x + 1, card.y + 1, CARD_WIDTH - 2, CARD_HEIGHT - 2, 8);
          else context.rect(card.x + 1, card.y + 1, CARD_WIDTH - 2, CARD_HEIGHT - 2);
        }
        if (!any) continue;
        context.globalAlpha = group.alpha;
        context.fillStyle = group.fill;
        context.fill();
        context.strokeStyle = group.stroke;
        context.stroke();
      }
      // What other people have selected, ringed in their colour.
      if (peerRings.size > 0) {
        context.globalAlpha = 1;
        context.lineWidth = Math.max(PEER_RING_PX, 2 * pixel);
        for (const card of cards) {
          const color = peerRings.get(card.id);
          if (!color) continue;
          const { x, y } = card.position;
          if (!cardInView(view, x, y)) continue;
          const inset = -context.lineWidth / 2;
          context.strokeStyle = color;
          context.strokeRect(x + inset, y + inset, CARD_WIDTH - 2 * inset, CARD_HEIGHT - 2 * inset);
        }
      }
      if (drawTitles) {
        context.font = TITLE_FONT;
        context.textBaseline = "top";
        context.fillStyle = "#0f172a";
        for (const group of tiles) {
          context.globalAlpha = group.alpha;
          for (const card of group.cards) {
            if (!cardInView(view, card.x, card.y)) continue;
            let wrapped = wrappedRef.current.get(card.title);
            if (!wrapped) {
              wrapped = wrapTitle(context, card.title, CARD_WIDTH - 32, 2);
              wrappedRef.current.set(card.title, wrapped);
            }
            for (let line = 0; line < wrapped.length; line++) context.fillText(wrapped[line] ?? "", card.x + 16, card.y + 12 + line * TITLE_LINE_PX);
          }
        }
      }
      context.globalAlpha = 1;
      // How many cards are in view: what tests and the browser benchmark wait for.
      canvas.dataset.cards = String(painted);
    };
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    draw();
    // Repaint when the viewport moves or resizes; React renders nothing for it.
    let last = store.getState();
    const unsubscribe = store.subscribe((state) => {
      if (state.transform === last.transform && state.width === last.width && state.height === last.height) return;
      last = state;
      schedule();
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [store, tiles, lines, cards, peerRings]);

  return (
    <canvas
      ref={canvasRef}
      data-testid="far-zoom-canvas"
      role="img"
      tabIndex={0}
      onFocus={onFocus}
      aria-label={`${cards.length} initiatives seen from far away. Tab moves through them, search (/) finds one.`}
      className="pointer-events-none absolute inset-0 h-full w-full"
      style={{ zIndex: 1 }}
    />
  );
}

export const FarZoomCanvas = memo(FarZoomCanvasView);
