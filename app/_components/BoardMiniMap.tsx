"use client";

import { useReactFlow, useStoreApi } from "@xyflow/react";
import { memo, useEffect, useRef, type PointerEvent, type WheelEvent } from "react";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { DEFAULT_FRAME_COLOR, frameBox } from "@/lib/board/noteKinds";
import type { ModelContent } from "@/lib/board/types";
import type { BoardNode } from "../_lib/useBoardGraph";
import { NO_MODEL_COLOR, viewRect } from "../_lib/zoomDetail";

const WIDTH = 168;
const HEIGHT = 112;
const MASK = "rgba(241,245,249,0.7)";
const STICKY_COLOR = "#fde68a";
/** How much one wheel notch (deltaY 100) zooms the board from the minimap. */
const WHEEL_ZOOM_STEP = 1.2;

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  color: string;
  frame: boolean;
}

function boxOf(node: BoardNode, models: ReadonlyMap<string, ModelContent>): Box | null {
  // Hidden here means hidden by a filter: not on the board as the user sees it.
  if (node.hidden) return null;
  const { x, y } = node.position;
  if (node.type === "initiative") {
    const modelId = node.data.initiative.modelId;
    const color = (modelId ? models.get(modelId)?.color : undefined) ?? NO_MODEL_COLOR;
    return { x, y, width: node.measured?.width ?? CARD_WIDTH, height: node.measured?.height ?? CARD_HEIGHT, color, frame: false };
  }
  if (node.type === "text") return null;
  if (node.type === "frame") {
    const box = frameBox(node.data.note);
    return { x, y, width: box.width, height: box.height, color: node.data.note.color || DEFAULT_FRAME_COLOR, frame: true };
  }
  return { x, y, width: node.measured?.width ?? 200, height: node.measured?.height ?? 120, color: node.data.note.color || STICKY_COLOR, frame: false };
}

interface BoardMiniMapProps {
  /** The board's nodes as laid out, before far cards are hidden from React Flow. */
  nodes: readonly BoardNode[];
  models: ReadonlyMap<string, ModelContent>;
}

/**
 * The whole board at a glance, on a canvas: cards in their model's colour, frames as faint
 * outlines under them, the part in view left clear. Pressing or dragging on it moves the view
 * there; the wheel zooms. React Flow's minimap is SVG with an element per card, repainted on
 * every frame of a pan, and it leaves out the cards the far-zoom canvas draws.
 */
function BoardMiniMapView({ nodes, models }: BoardMiniMapProps) {
  const store = useStoreApi();
  const { setCenter, getViewport, setViewport } = useReactFlow();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  // The board-to-minimap mapping of the last paint, for turning a press into a board point.
  const mappingRef = useRef({ scale: 1, offsetX: 0, offsetY: 0 });

  useEffect(() => {
    const canvas = canvasRef.current;
    const context = canvas?.getContext("2d");
    if (!canvas || !context) return;
    const boxes: Box[] = [];
    for (const node of nodes) {
      const box = boxOf(node, models);
      if (box) boxes.push(box);
    }
    // Frames first so the cards they hold are painted over them.
    boxes.sort((a, b) => Number(b.frame) - Number(a.frame));
    let minX = Infinity;
    let minY = Infinity;
    let maxX = -Infinity;
    let maxY = -Infinity;
    for (const box of boxes) {
      minX = Math.min(minX, box.x);
      minY = Math.min(minY, box.y);
      maxX = Math.max(maxX, box.x + box.width);
      maxY = Math.max(maxY, box.y + box.height);
    }
    const ratio = window.devicePixelRatio || 1;
    canvas.width = WIDTH * ratio;
    canvas.height = HEIGHT * ratio;
    let frame = 0;
    const draw = () => {
      frame = 0;
      const inView = viewRect(store.getState());
      const view = { x: inView.left, y: inView.top, width: inView.right - inView.left, height: inView.bottom - inView.top };
      const left = Math.min(minX, view.x);
      const top = Math.min(minY, view.y);
      const right = Math.max(maxX, view.x + view.width);
      const bottom = Math.max(maxY, view.y + view.height);
      const scale = Math.min(WIDTH / (right - left || 1), HEIGHT / (bottom - top || 1));
      const offsetX = (WIDTH - (right - left) * scale) / 2 - left * scale;
      const offsetY = (HEIGHT - (bottom - top) * scale) / 2 - top * scale;
      mappingRef.current = { scale, offsetX, offsetY };
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      context.clearRect(0, 0, WIDTH, HEIGHT);
      context.fillStyle = "#ffffff";
      context.fillRect(0, 0, WIDTH, HEIGHT);
      context.setTransform(scale * ratio, 0, 0, scale * ratio, offsetX * ratio, offsetY * ratio);
      const hairline = 1 / scale;
      for (const box of boxes) {
        if (box.frame) {
          context.globalAlpha = 0.3;
          context.fillStyle = box.color;
          context.fillRect(box.x, box.y, box.width, box.height);
          context.globalAlpha = 1;
          context.strokeStyle = box.color;
          context.lineWidth = 1.5 * hairline;
          context.strokeRect(box.x, box.y, box.width, box.height);
        } else {
          context.fillStyle = box.color;
          // At least a pixel on the minimap, so a lone card still shows.
          context.fillRect(box.x, box.y, Math.max(box.width, hairline), Math.max(box.height, hairline));
        }
      }
      // Everything but the part in view is veiled.
      context.beginPath();
      context.rect(-offsetX / scale, -offsetY / scale, WIDTH / scale, HEIGHT / scale);
      context.rect(view.x, view.y, view.width, view.height);
      context.fillStyle = MASK;
      context.fill("evenodd");
      context.strokeStyle = "#64748b";
      context.lineWidth = hairline;
      context.strokeRect(view.x, view.y, view.width, view.height);
    };
    draw();
    let last = store.getState();
    const unsubscribe = store.subscribe((state) => {
      if (state.transform === last.transform && state.width === last.width && state.height === last.height) return;
      last = state;
      if (!frame) frame = requestAnimationFrame(draw);
    });
    return () => {
      unsubscribe();
      if (frame) cancelAnimationFrame(frame);
    };
  }, [nodes, models, store]);

  const boardPoint = (event: { clientX: number; clientY: number; currentTarget: Element }) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const { scale, offsetX, offsetY } = mappingRef.current;
    return { x: (event.clientX - rect.left - offsetX) / scale, y: (event.clientY - rect.top - offsetY) / scale };
  };

  const moveTo = (event: PointerEvent<HTMLCanvasElement>) => {
    const point = boardPoint(event);
    void setCenter(point.x, point.y, { zoom: getViewport().zoom });
  };

  const onWheel = (event: WheelEvent<HTMLCanvasElement>) => {
    const { width, height, transform, minZoom, maxZoom } = store.getState();
    const [tx, ty, zoom] = transform;
    const next = Math.min(maxZoom, Math.max(minZoom, zoom * WHEEL_ZOOM_STEP ** (-event.deltaY / 100)));
    // Zoom about the middle of the view, which stays where it is.
    const centerX = (width / 2 - tx) / zoom;
    const centerY = (height / 2 - ty) / zoom;
    void setViewport({ x: width / 2 - centerX * next, y: height / 2 - centerY * next, zoom: next });
  };

  return (
    <canvas
      ref={canvasRef}
      role="img"
      aria-label="Minimap"
      data-testid="minimap"
      className="nodrag nowheel absolute bottom-0 left-0 z-[5] !m-3 cursor-pointer rounded-md bg-white ring-1 ring-slate-200"
      style={{ width: WIDTH, height: HEIGHT }}
      onPointerDown={(event) => {
        event.stopPropagation();
        event.currentTarget.setPointerCapture(event.pointerId);
        moveTo(event);
      }}
      onPointerMove={(event) => {
        if (event.currentTarget.hasPointerCapture(event.pointerId)) moveTo(event);
      }}
      onDoubleClick={(event) => event.stopPropagation()}
      onWheel={onWheel}
    />
  );
}

export const BoardMiniMap = memo(BoardMiniMapView);
