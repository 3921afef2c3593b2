import { exportSvg } from "../../lib/board/svg";
import type { BoardContent } from "../../lib/board/types";

/**
 * PNG pictures of a board: the SVG export rasterised with sharp (libvips + librsvg, shipped as
 * a prebuilt package with Next). sharp is loaded lazily so the server starts without it; only
 * PNG answers need it.
 */

/** Pixels per SVG unit: 2 gives crisp slides on high-density screens. */
const EXPORT_SCALE = 2;
/** Longest side of an exported PNG; huge boards are scaled down to fit. */
const MAX_SIDE = 8_000;
/** Open Graph / Twitter card preview size. */
export const PREVIEW_WIDTH = 1200;
export const PREVIEW_HEIGHT = 630;
const PREVIEW_BACKGROUND = { r: 248, g: 250, b: 252, alpha: 1 };

export class PngUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`PNG rendering is not available: ${(cause as Error)?.message ?? String(cause)}`);
    this.name = "PngUnavailableError";
  }
}

type Sharp = typeof import("sharp").default;

let sharpModule: Promise<Sharp> | null = null;

async function loadSharp(): Promise<Sharp> {
  sharpModule ??= import("sharp").then(
    (loaded) => loaded.default,
    (error: unknown) => {
      sharpModule = null;
      throw new PngUnavailableError(error);
    },
  );
  return sharpModule;
}

/** Width and height (SVG units) the SVG export declares. */
export function svgSize(svg: string): { width: number; height: number } {
  const match = /<svg[^>]*\swidth="([\d.]+)"[^>]*\sheight="([\d.]+)"/.exec(svg);
  return { width: Number(match?.[1] ?? 0), height: Number(match?.[2] ?? 0) };
}

/** The pixel size of the PNG export of an SVG of this size. */
export function exportPixelSize(size: { width: number; height: number }): { width: number; height: number } {
  const scale = Math.min(EXPORT_SCALE, MAX_SIDE / Math.max(size.width, size.height, 1));
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/** The board as a PNG at twice its SVG size (legend and title included, like the SVG export). */
export async function exportPng(content: BoardContent): Promise<Buffer> {
  const sharp = await loadSharp();
  const svg = exportSvg(content);
  const pixels = exportPixelSize(svgSize(svg));
  return sharp(Buffer.from(svg), { density: 72 * EXPORT_SCALE, limitInputPixels: false })
    .resize(pixels.width, pixels.height, { fit: "fill" })
    .png({ compressionLevel: 9, adaptiveFiltering: true })
    .toBuffer();
}

/** A 1200×630 picture of the whole map for link unfurls (Open Graph, Twitter cards). */
export async function previewPng(content: BoardContent): Promise<Buffer> {
  const sharp = await loadSharp();
  const svg = exportSvg(content);
  const size = svgSize(svg);
  const fitScale = Math.min(PREVIEW_WIDTH / Math.max(size.width, 1), PREVIEW_HEIGHT / Math.max(size.height, 1));
  // Rasterise near the final size, so small maps stay sharp and big ones do not cost memory.
  const density = Math.max(18, Math.min(288, 72 * fitScale * 1.5));
  return sharp(Buffer.from(svg), { density, limitInputPixels: false })
    .resize(PREVIEW_WIDTH, PREVIEW_HEIGHT, { fit: "contain", background: PREVIEW_BACKGROUND })
    .flatten({ background: PREVIEW_BACKGROUND })
    .png({ compressionLevel: 9 })
    .toBuffer();
}
