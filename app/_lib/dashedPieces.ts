/**
 * Dashed links drawn in pieces.
 *
 * Chromium rasterises a dashed SVG stroke by dashing the whole path, every time any part of it is
 * rasterised: a link that crosses the view is dashed along its full length once per raster tile
 * it touches, and a zoom re-rasterises every tile. On a 2,000-card board seen at 30-100 %,
 * dashing was ~90 % of the raster work of a wheel zoom (software raster: 0.3-1 s frames). Split
 * into pieces, each a path of its own with its own bounds, a tile only dashes the pieces that
 * lie in it. Each piece starts its pattern where the previous one stopped, so the dashes run on
 * unbroken across the joins.
 */

/** Pieces about this long (board pixels): a few per screen at 100 %, so most fall outside a tile. */
const PIECE_LENGTH = 300;
/** Enough pieces for a link across a very large board; beyond it they only grow longer. */
const MAX_PIECES = 48;
/** Chords per piece when measuring its length: the error stays well under a pixel. */
const LENGTH_STEPS = 12;

interface Point {
  x: number;
  y: number;
}

type Cubic = [Point, Point, Point, Point];

export interface DashedPiece {
  /** SVG path data of the piece: one cubic Bézier. */
  d: string;
  /** `stroke-dashoffset` that continues the pattern from where the previous piece ended. */
  dashOffset: number;
}

const NUMBER = /-?\d*\.?\d+(?:e[-+]?\d+)?/gi;

/** The cubic of "M x,y C x,y x,y x,y" (what React Flow's getBezierPath returns), or null. */
export function parseCubic(path: string): Cubic | null {
  if (!/^\s*M[^C]*C[^C]*$/i.test(path)) return null;
  const values = (path.match(NUMBER) ?? []).map(Number);
  if (values.length !== 8 || values.some((value) => !Number.isFinite(value))) return null;
  const [x0, y0, x1, y1, x2, y2, x3, y3] = values as [number, number, number, number, number, number, number, number];
  return [
    { x: x0, y: y0 },
    { x: x1, y: y1 },
    { x: x2, y: y2 },
    { x: x3, y: y3 },
  ];
}

function lerp(a: Point, b: Point, t: number): Point {
  return { x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t };
}

function pointAt([p0, p1, p2, p3]: Cubic, t: number): Point {
  const u = 1 - t;
  const a = u * u * u;
  const b = 3 * u * u * t;
  const c = 3 * u * t * t;
  const d = t * t * t;
  return { x: a * p0.x + b * p1.x + c * p2.x + d * p3.x, y: a * p0.y + b * p1.y + c * p2.y + d * p3.y };
}

/** The part of `curve` between parameters t0 and t1, as a cubic of its own (de Casteljau). */
export function subCurve(curve: Cubic, t0: number, t1: number): Cubic {
  const [, right] = split(curve, t0);
  // Within the right half, t1 sits at (t1 - t0) / (1 - t0).
  const [left] = split(right, t0 >= 1 ? 0 : (t1 - t0) / (1 - t0));
  return left;
}

function split([p0, p1, p2, p3]: Cubic, t: number): [Cubic, Cubic] {
  const a = lerp(p0, p1, t);
  const b = lerp(p1, p2, t);
  const c = lerp(p2, p3, t);
  const ab = lerp(a, b, t);
  const bc = lerp(b, c, t);
  const middle = lerp(ab, bc, t);
  return [
    [p0, a, ab, middle],
    [middle, bc, c, p3],
  ];
}

/** Arc length of the curve between t0 and t1, summed over short chords. */
export function arcLength(curve: Cubic, t0 = 0, t1 = 1, steps = LENGTH_STEPS): number {
  let length = 0;
  let previous = pointAt(curve, t0);
  for (let step = 1; step <= steps; step++) {
    const next = pointAt(curve, t0 + ((t1 - t0) * step) / steps);
    length += Math.hypot(next.x - previous.x, next.y - previous.y);
    previous = next;
  }
  return length;
}

/** Sum of a dash array ("10 5", "12 4 2 4"); an odd count repeats, as SVG does. */
export function dashPeriod(dash: string): number {
  const values = (dash.match(NUMBER) ?? []).map(Number).filter((value) => Number.isFinite(value) && value >= 0);
  const sum = values.reduce((total, value) => total + value, 0);
  return values.length % 2 === 1 ? sum * 2 : sum;
}

const round = (value: number) => Math.round(value * 100) / 100;

function pathData([p0, p1, p2, p3]: Cubic): string {
  return `M${round(p0.x)},${round(p0.y)} C${round(p1.x)},${round(p1.y)} ${round(p2.x)},${round(p2.y)} ${round(p3.x)},${round(p3.y)}`;
}

/**
 * The pieces to draw `path` (a cubic from getBezierPath) dashed with `dash`; null when one path
 * is as good (a short link, a path of another shape, a pattern without length).
 */
export function dashedPieces(path: string, dash: string): DashedPiece[] | null {
  const curve = parseCubic(path);
  const period = dashPeriod(dash);
  if (!curve || period <= 0) return null;
  const total = arcLength(curve, 0, 1, LENGTH_STEPS * 4);
  const count = Math.min(MAX_PIECES, Math.ceil(total / PIECE_LENGTH));
  if (count < 2) return null;
  const pieces: DashedPiece[] = [];
  let travelled = 0;
  for (let index = 0; index < count; index++) {
    const t0 = index / count;
    const t1 = (index + 1) / count;
    pieces.push({ d: pathData(subCurve(curve, t0, t1)), dashOffset: round(travelled % period) });
    travelled += arcLength(curve, t0, t1);
  }
  return pieces;
}
