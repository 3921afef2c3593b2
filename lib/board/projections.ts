import type { Point } from "./geometry";
import { layoutMatrix, matrixFieldsForDrop, type MatrixOptions } from "./projection-matrix";
import {
  horizonFieldsForDrop,
  layoutHorizons,
  layoutSwimlanes,
  swimlaneFieldsForDrop,
  type HorizonOptions,
  type SwimlaneOptions,
} from "./projection-lanes";
import { layoutRings, ringsFieldsForDrop, type RingsOptions } from "./projection-rings";
import type { BoardContent } from "./types";

/**
 * Views as projections of card fields (DESIGN.md "Views"). Each view maps content to card
 * positions plus guides to draw, and maps a drop point back to the field edit it means, so
 * dragging a card in a structured view edits the card, and that edit is in history.
 *
 * Positions and drop points are card top-left corners in board coordinates, like x/y. A drop's
 * edit holds only the fields whose value changes.
 */

export type { Point } from "./geometry";
export { MATRIX_AXES, MATRIX_PRESETS, type MatrixAxis, type MatrixAxisName, type MatrixOptions } from "./projection-matrix";
export type { HorizonOptions, SwimlaneOptions } from "./projection-lanes";
export { DEFAULT_RING_WIDTH, UNSET_SECTOR_LABEL, type RingsOptions } from "./projection-rings";

/** Fields to write; `undefined` clears an optional field (see updateInitiative). */
export type FieldEdit = Record<string, unknown>;

export type Guide =
  | {
      kind: "ring";
      /** The proximity value, or null for the outer "unplaced" band. */
      key: number | null;
      label: string;
      center: Point;
      innerRadius: number;
      outerRadius: number;
    }
  | {
      kind: "sector";
      /** The sector's tag or North Star input, or null for "(none)". */
      key: string | null;
      label: string;
      center: Point;
      /** Radians, clockwise from the positive x axis (screen coordinates, y down). */
      startAngle: number;
      endAngle: number;
      radius: number;
    }
  | {
      kind: "axis";
      axis: "x" | "y";
      label: string;
      from: Point;
      to: Point;
      ticks: { at: Point; label: string }[];
    }
  | {
      kind: "region";
      role: "quadrant" | "lane" | "column" | "unplaced";
      key: string | null;
      label: string;
      x: number;
      y: number;
      width: number;
      height: number;
    };

export interface ProjectionLayout {
  positions: Record<string, Point>;
  guides: Guide[];
}

export type ViewOptions =
  | { kind: "canvas" }
  | ({ kind: "rings" } & RingsOptions)
  | ({ kind: "matrix" } & MatrixOptions)
  | ({ kind: "swimlanes" } & SwimlaneOptions)
  | ({ kind: "horizons" } & HorizonOptions);

export type ViewKind = ViewOptions["kind"];

export function layoutCanvas(content: BoardContent): ProjectionLayout {
  const positions: Record<string, Point> = {};
  for (const initiative of Object.values(content.initiatives)) positions[initiative.id] = { x: initiative.x, y: initiative.y };
  return { positions, guides: [] };
}

export function canvasFieldsForDrop(content: BoardContent, id: string, point: Point): FieldEdit {
  return content.initiatives[id] ? { x: point.x, y: point.y } : {};
}

export function layout(content: BoardContent, view: ViewOptions): ProjectionLayout {
  switch (view.kind) {
    case "canvas":
      return layoutCanvas(content);
    case "rings":
      return layoutRings(content, view);
    case "matrix":
      return layoutMatrix(content, view);
    case "swimlanes":
      return layoutSwimlanes(content, view);
    case "horizons":
      return layoutHorizons(content, view);
  }
}

/** The field edit that dropping card `id` with its top-left at `point` means in `view`. */
export function fieldsForDrop(content: BoardContent, view: ViewOptions, id: string, point: Point): FieldEdit {
  switch (view.kind) {
    case "canvas":
      return canvasFieldsForDrop(content, id, point);
    case "rings":
      return ringsFieldsForDrop(content, view, id, point);
    case "matrix":
      return matrixFieldsForDrop(content, view, id, point);
    case "swimlanes":
      return swimlaneFieldsForDrop(content, view, id, point);
    case "horizons":
      return horizonFieldsForDrop(content, view, id, point);
  }
}
