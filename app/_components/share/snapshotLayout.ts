import { CARD_HEIGHT, CARD_WIDTH, type Point } from "../../../lib/board/geometry";
import { noteBox } from "../../../lib/board/noteKinds";
import { layout, type Guide, type ViewOptions } from "../../../lib/board/projections";
import type { BoardContent } from "../../../lib/board/types";

/** The views a snapshot reader can switch between: every one a projection of card fields. */
export const SNAPSHOT_VIEWS: readonly { id: string; label: string; view: ViewOptions }[] = [
  { id: "canvas", label: "Map", view: { kind: "canvas" } },
  { id: "swimlanes", label: "By model", view: { kind: "swimlanes", columnsBy: "status" } },
  { id: "horizons", label: "Horizons", view: { kind: "horizons" } },
  { id: "rings", label: "Close → far", view: { kind: "rings", field: "proximityCustomer", sectorBy: "tag" } },
];

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface SnapshotScene {
  positions: Record<string, Point>;
  guides: Guide[];
  /** Notes belong to the free canvas only. */
  showNotes: boolean;
  bounds: Box;
}

const MARGIN = 40;

function guideBox(guide: Guide): Box {
  switch (guide.kind) {
    case "region":
      return { x: guide.x, y: guide.y, width: guide.width, height: guide.height };
    case "ring":
      return { x: guide.center.x - guide.outerRadius, y: guide.center.y - guide.outerRadius, width: 2 * guide.outerRadius, height: 2 * guide.outerRadius };
    case "sector":
      return { x: guide.center.x - guide.radius, y: guide.center.y - guide.radius, width: 2 * guide.radius, height: 2 * guide.radius };
    case "axis":
      return { x: Math.min(guide.from.x, guide.to.x), y: Math.min(guide.from.y, guide.to.y), width: Math.abs(guide.to.x - guide.from.x), height: Math.abs(guide.to.y - guide.from.y) };
  }
}

export function sceneFor(content: BoardContent, viewId: string): SnapshotScene {
  const choice = SNAPSHOT_VIEWS.find((candidate) => candidate.id === viewId) ?? SNAPSHOT_VIEWS[0];
  const view = choice?.view ?? { kind: "canvas" };
  const { positions, guides } = layout(content, view);
  const showNotes = view.kind === "canvas";
  const boxes: Box[] = [
    ...Object.values(positions).map((point) => ({ x: point.x, y: point.y, width: CARD_WIDTH, height: CARD_HEIGHT })),
    ...(showNotes ? Object.values(content.notes).map(noteBox) : []),
    ...guides.map(guideBox),
  ].filter((box) => Number.isFinite(box.x) && Number.isFinite(box.y));
  if (boxes.length === 0) return { positions, guides, showNotes, bounds: { x: 0, y: 0, width: 600, height: 300 } };
  const minX = Math.min(...boxes.map((box) => box.x)) - MARGIN;
  const minY = Math.min(...boxes.map((box) => box.y)) - MARGIN;
  const maxX = Math.max(...boxes.map((box) => box.x + box.width)) + MARGIN;
  const maxY = Math.max(...boxes.map((box) => box.y + box.height)) + MARGIN;
  return { positions, guides, showNotes, bounds: { x: minX, y: minY, width: maxX - minX, height: maxY - minY } };
}

/** Scale that fits `bounds` into a viewport, never enlarging past 1. */
export function fitScale(bounds: Box, viewport: { width: number; height: number }): number {
  return Math.min(1, viewport.width / bounds.width, viewport.height / bounds.height);
}

/** A safe CSS colour from board data (validated again here: it lands in a style attribute). */
export function safeColor(value: unknown, fallback = "#94a3b8"): string {
  return typeof value === "string" && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30})$/.test(value) ? value : fallback;
}
