"use client";

import { useStore } from "@xyflow/react";
import { memo, useEffect, useRef } from "react";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import type { ModelContent } from "@/lib/board/types";
import type { BoardNode } from "../_lib/useBoardGraph";
import { DIMMED_NODE_CLASS } from "../_lib/views/useProjectedNodes";
import { BoardViewportPortal } from "./BoardViewportPortal";
import { farTileFill, NO_MODEL_COLOR } from "../_lib/zoomDetail";

/** A canvas larger than this on either side is drawn at a lower resolution (memory stays bounded). */
const MAX_CANVAS_SIDE = 4096;
/** Titles are drawn only where they are at least this many screen pixels tall. */
const MIN_TITLE_SCREEN_PX = 5;
const TITLE_FONT_PX = 30;

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

interface FarZoomCanvasProps {
  nodes: readonly BoardNode[];
  models: ReadonlyMap<string, ModelContent>;
}

/**
 * Seen from far away, every card that is not selected is drawn here, on one canvas in board
 * coordinates under the links, while its React Flow node stays in place, unpainted
 * (globals.css), for pointing, dragging and screen readers. Panning then moves one bitmap
 * instead of painting and layering thousands of elements; the canvas is redrawn only when the
 * cards or the zoom change.
 */
function FarZoomCanvasView({ nodes, models }: FarZoomCanvasProps) {
  const zoom = useStore((state) => state.transform[2]);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // Wrapping depends only on the title and the (fixed) font, so it survives zooming.
  const wrappedRef = useRef(new Map<string, string[]>());

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const cards = nodes.filter((node) => node.type === "initiative" && !node.hidden && !node.selected);
    if (cards.length === 0) {
      canvas.width = 0;
      canvas.height = 0;
      return;
    }
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const node of cards) {
      minX = Math.min(minX, node.position.x);
      minY = Math.min(minY, node.position.y);
      maxX = Math.max(maxX, node.position.x + CARD_WIDTH);
      maxY = Math.max(maxY, node.position.y + CARD_HEIGHT);
    }
    const width = maxX - minX;
    const height = maxY - minY;
    const ratio = window.devicePixelRatio || 1;
    const scale = Math.min(zoom * ratio, MAX_CANVAS_SIDE / width, MAX_CANVAS_SIDE / height);
    canvas.width = Math.ceil(width * scale);
    canvas.height = Math.ceil(height * scale);
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    canvas.style.transform = `translate(${minX}px, ${minY}px)`;
    context.setTransform(scale, 0, 0, scale, -minX * scale, -minY * scale);
    context.clearRect(minX, minY, width, height);
    const drawTitles = TITLE_FONT_PX * zoom >= MIN_TITLE_SCREEN_PX;
    context.font = `600 ${TITLE_FONT_PX}px ui-sans-serif, system-ui, sans-serif`;
    context.textBaseline = "top";
    context.lineWidth = 2;
    for (const node of cards) {
      if (node.type !== "initiative") continue;
      const modelId = node.data.initiative.modelId;
      const color = (modelId ? models.get(modelId)?.color : undefined) ?? NO_MODEL_COLOR;
      context.globalAlpha = node.className === DIMMED_NODE_CLASS ? 0.25 : 1;
      const { x, y } = node.position;
      context.beginPath();
      context.roundRect(x + 1, y + 1, CARD_WIDTH - 2, CARD_HEIGHT - 2, 8);
      context.fillStyle = farTileFill(color);
      context.fill();
      context.strokeStyle = color;
      context.stroke();
      if (drawTitles) {
        context.fillStyle = "#0f172a";
        const title = node.data.initiative.title || "Untitled";
        let lines = wrappedRef.current.get(title);
        if (!lines) {
          lines = wrapTitle(context, title, CARD_WIDTH - 32, 2);
          wrappedRef.current.set(title, lines);
        }
        lines.forEach((line, index) => context.fillText(line, x + 16, y + 12 + index * 36));
      }
    }
    context.globalAlpha = 1;
  }, [nodes, models, zoom]);

  return (
    <BoardViewportPortal>
      <canvas ref={canvasRef} data-testid="far-zoom-canvas" aria-hidden className="pointer-events-none absolute left-0 top-0 origin-top-left" style={{ zIndex: -1 }} />
    </BoardViewportPortal>
  );
}

export const FarZoomCanvas = memo(FarZoomCanvasView);
