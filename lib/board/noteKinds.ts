import { CARD_HEIGHT, CARD_WIDTH, NOTE_HEIGHT, NOTE_WIDTH } from "./geometry";
import type { NoteContent } from "./types";

/**
 * Everything in the contract's `notes` map: sticky notes, free text and frames. The kind is an
 * optional field (`kind`), so notes written by older clients or third parties stay stickies and
 * export, import, history and the diff treat all three as notes without knowing about kinds.
 */

export type NoteKind = "sticky" | "text" | "frame";

export const NOTE_KINDS: readonly NoteKind[] = ["sticky", "text", "frame"];

/** A missing or unknown `kind` reads as a sticky note, the only kind the contract names. */
export function noteKindOf(note: { readonly [field: string]: unknown }): NoteKind {
  return note.kind === "text" || note.kind === "frame" ? note.kind : "sticky";
}

export interface ColorChoice {
  name: string;
  value: string;
}

/** Workshop sticky colours; frames use the same set as a tint. */
export const STICKY_COLORS: readonly ColorChoice[] = [
  { name: "Yellow", value: "#fde68a" },
  { name: "Orange", value: "#fed7aa" },
  { name: "Pink", value: "#fbcfe8" },
  { name: "Lilac", value: "#ddd6fe" },
  { name: "Blue", value: "#bfdbfe" },
  { name: "Green", value: "#bbf7d0" },
  { name: "Grey", value: "#e2e8f0" },
];

/** Ink colours for free text: dark enough to read on the canvas. */
export const TEXT_COLORS: readonly ColorChoice[] = [
  { name: "Black", value: "#0f172a" },
  { name: "Red", value: "#b91c1c" },
  { name: "Orange", value: "#c2410c" },
  { name: "Green", value: "#15803d" },
  { name: "Blue", value: "#1d4ed8" },
  { name: "Purple", value: "#7e22ce" },
];

export function colorChoicesFor(kind: NoteKind): readonly ColorChoice[] {
  return kind === "text" ? TEXT_COLORS : STICKY_COLORS;
}

export const DEFAULT_TEXT_COLOR = "#0f172a";
export const DEFAULT_FRAME_COLOR = "#bfdbfe";
export const FRAME_DEFAULT_SIZE = { width: 560, height: 360 } as const;
export const FRAME_MIN_SIZE = { width: 160, height: 100 } as const;
/** Free text has no stored size; exports and containment use this box. */
export const TEXT_BOX = { width: 240, height: 32 } as const;

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function positive(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A frame's rectangle; a frame without a valid size gets the default one. */
export function frameBox(note: NoteContent): Box {
  return {
    x: note.x,
    y: note.y,
    width: positive(note.width, FRAME_DEFAULT_SIZE.width),
    height: positive(note.height, FRAME_DEFAULT_SIZE.height),
  };
}

/** The box an item occupies as exports and containment see it (the canvas measures real sizes). */
export function noteBox(note: NoteContent): Box {
  switch (noteKindOf(note)) {
    case "frame":
      return frameBox(note);
    case "text":
      return { x: note.x, y: note.y, ...TEXT_BOX };
    case "sticky":
      return { x: note.x, y: note.y, width: NOTE_WIDTH, height: NOTE_HEIGHT };
  }
}

export function initiativeBox(point: { x: number; y: number }): Box {
  return { x: point.x, y: point.y, width: CARD_WIDTH, height: CARD_HEIGHT };
}

/** A one-line description of a note for lists and diffs: "Frame: Discovery", or the text. */
export function noteLabel(note: { text: string; kind?: unknown }, maxLength = 60): string {
  const text = note.text.replace(/\s+/g, " ").trim();
  const short = text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
  switch (noteKindOf(note)) {
    case "frame":
      return `Frame: ${short || "untitled"}`;
    case "text":
      return short || "(empty text)";
    case "sticky":
      return short || "(empty note)";
  }
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * `box` moved down and right in steps until it covers none of `occupied`, so a new note does
 * not land on (and hide) the previous one; after `maxSteps` it stays where it got to.
 */
export function clearSpot(box: Box, occupied: readonly Box[], step = 32, maxSteps = 40): Box {
  let spot = box;
  for (let index = 0; index < maxSteps && occupied.some((other) => overlaps(spot, other)); index++) {
    spot = { ...spot, x: spot.x + step, y: spot.y + step };
  }
  return spot;
}

/** Notes in drawing order: frames first (behind), then stickies and text as they come. */
export function framesFirst<T extends { readonly [field: string]: unknown }>(notes: readonly T[]): T[] {
  return [...notes.filter((note) => noteKindOf(note) === "frame"), ...notes.filter((note) => noteKindOf(note) !== "frame")];
}
