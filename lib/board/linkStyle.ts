import type { LinkContent, ModelContent } from "./types";

/**
 * How a link is drawn, from its fields: each collaboration mode has its own dash pattern and the
 * mode's colour, so "embedded" and "as-a-service" links read apart at a glance (and in print,
 * where colour may be lost); a blocking link is red and heavier whatever its mode.
 */

export interface LinkStyle {
  stroke: string;
  strokeWidth: number;
  /** SVG `stroke-dasharray`; `undefined` draws a solid line. */
  dash: string | undefined;
  /** The text beside the line: the label and the mode's name, either may be missing. */
  caption: string;
  modeName: string | null;
  blocking: boolean;
}

export const LINK_COLOR = "#94a3b8";
export const BLOCKING_COLOR = "#dc2626";
const LINK_WIDTH = 1.75;
const MODE_WIDTH = 2.25;
const BLOCKING_WIDTH = 3.5;

/** Patterns of the four default modes, from close (solid) to distant (sparse dots). */
const MODE_DASHES: Record<string, string | undefined> = {
  "fully-embedded": undefined,
  "time-boxed-collaboration": "10 5",
  "supportive-facilitating": "2 5",
  "transactional-service": "12 4 2 4",
};
/** Patterns for collaboration modes a board added itself, taken in order of their ids. */
const EXTRA_DASHES = ["6 3", "14 6", "4 4 1 4", "1 3"];

function dashOf(modeId: string, models: ReadonlyMap<string, ModelContent>): string | undefined {
  if (modeId in MODE_DASHES) return MODE_DASHES[modeId];
  const custom = Array.from(models.values())
    .filter((model) => model.family === "collaboration" && !(model.id in MODE_DASHES))
    .map((model) => model.id)
    .sort();
  const index = Math.max(0, custom.indexOf(modeId));
  return EXTRA_DASHES[index % EXTRA_DASHES.length];
}

const SAFE_COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30})$/;

/** A link's line colour: red when blocking, else its mode's colour (grey without a usable one). */
export function linkStroke(mode: ModelContent | undefined, blocking: boolean): string {
  if (blocking) return BLOCKING_COLOR;
  return mode && SAFE_COLOR.test(mode.color) ? mode.color : LINK_COLOR;
}

export function linkStyle(link: LinkContent, models: ReadonlyMap<string, ModelContent>): LinkStyle {
  const mode = typeof link.mode === "string" && link.mode ? models.get(link.mode) : undefined;
  const blocking = link.blocking === true;
  const caption = [link.label.trim(), mode?.name ?? ""].filter(Boolean).join(" · ");
  return {
    stroke: linkStroke(mode, blocking),
    strokeWidth: blocking ? BLOCKING_WIDTH : mode ? MODE_WIDTH : LINK_WIDTH,
    dash: mode ? dashOf(mode.id, models) : undefined,
    caption,
    modeName: mode?.name ?? null,
    blocking,
  };
}

/** The collaboration modes a link may carry, in library order, hidden ones left out. */
export function collaborationModes(models: ReadonlyMap<string, ModelContent>): ModelContent[] {
  return Array.from(models.values()).filter((model) => model.family === "collaboration" && model.hidden !== true);
}
