import { MATRIX_AXES, MATRIX_PRESETS, type MatrixAxisName, type ViewKind, type ViewOptions } from "@/lib/board/projections";

/** The views a person can switch between, with the options each offers (DESIGN.md "Views"). */

export const VIEW_KINDS: readonly { kind: ViewKind; label: string; hint: string }[] = [
  { kind: "canvas", label: "Free canvas", hint: "Place cards anywhere; notes and links live here." },
  { kind: "rings", label: "Close → far rings", hint: "Rings by proximity, sectors by tag or North Star input." },
  { kind: "matrix", label: "2×2", hint: "Two chosen axes; drop a card to set both fields." },
  { kind: "swimlanes", label: "Swimlanes by model", hint: "A lane per model, columns by status or horizon." },
  { kind: "horizons", label: "Horizon columns", hint: "H1, H2, H3 side by side." },
];

export const CANVAS_VIEW: ViewOptions = { kind: "canvas" };

export const MATRIX_AXIS_NAMES = Object.keys(MATRIX_AXES) as MatrixAxisName[];

export const MATRIX_PRESET_LABELS: Record<keyof typeof MATRIX_PRESETS, string> = {
  "proximity-reversibility": "Proximity × reversibility",
  "confidence-investment": "Confidence × investment",
};

export function defaultViewOptions(kind: ViewKind): ViewOptions {
  switch (kind) {
    case "canvas":
      return CANVAS_VIEW;
    case "rings":
      return { kind, field: "proximityCustomer", sectorBy: "tag" };
    case "matrix":
      return { kind, ...MATRIX_PRESETS["proximity-reversibility"] };
    case "swimlanes":
      return { kind, columnsBy: "status" };
    case "horizons":
      return { kind };
  }
}

/** The preset a 2×2's axes match, if any. */
export function matrixPresetOf(x: MatrixAxisName, y: MatrixAxisName): keyof typeof MATRIX_PRESETS | null {
  for (const [name, axes] of Object.entries(MATRIX_PRESETS) as [keyof typeof MATRIX_PRESETS, { x: string; y: string }][]) {
    if (axes.x === x && axes.y === y) return name;
  }
  return null;
}

function isAxis(value: unknown): value is MatrixAxisName {
  return typeof value === "string" && (MATRIX_AXIS_NAMES as string[]).includes(value);
}

/** A view read from a saved view in the document; anything unknown falls back to the free canvas. */
export function parseViewOptions(value: unknown): ViewOptions {
  if (typeof value !== "object" || value === null) return CANVAS_VIEW;
  const raw = value as Record<string, unknown>;
  switch (raw.kind) {
    case "rings":
      return {
        kind: "rings",
        field: raw.field === "proximityOutcome" ? "proximityOutcome" : "proximityCustomer",
        sectorBy: raw.sectorBy === "northStarInput" ? "northStarInput" : "tag",
      };
    case "matrix": {
      const fallback = MATRIX_PRESETS["proximity-reversibility"];
      return { kind: "matrix", x: isAxis(raw.x) ? raw.x : fallback.x, y: isAxis(raw.y) ? raw.y : fallback.y };
    }
    case "swimlanes":
      return { kind: "swimlanes", columnsBy: raw.columnsBy === "horizon" ? "horizon" : "status" };
    case "horizons":
      return { kind: "horizons" };
    default:
      return CANVAS_VIEW;
  }
}

/** A short human description, e.g. "Rings · customer proximity · sectors by tag". */
export function describeView(view: ViewOptions): string {
  switch (view.kind) {
    case "canvas":
      return "Free canvas";
    case "rings":
      return `Rings · ${view.field === "proximityCustomer" ? "customer" : "outcome"} proximity · sectors by ${view.sectorBy === "tag" ? "tag" : "North Star input"}`;
    case "matrix":
      return `2×2 · ${MATRIX_AXES[view.x].label} × ${MATRIX_AXES[view.y].label}`;
    case "swimlanes":
      return `Swimlanes by model · columns by ${view.columnsBy}`;
    case "horizons":
      return "Horizon columns";
  }
}
