import { CARD_HEIGHT, CARD_WIDTH, NOTE_HEIGHT, NOTE_WIDTH } from "./geometry";
import { DEFAULT_FRAME_COLOR, DEFAULT_TEXT_COLOR, frameBox, noteBox, noteKindOf } from "./noteKinds";
import { linkStyle } from "./linkStyle";
import type { BoardContent, InitiativeContent, LinkContent, ModelContent, NoteContent } from "./types";

/**
 * A static SVG picture of a board: frames behind, then sticky notes, links, cards at their x/y
 * with model colour and name, free text on top, and a legend of the models in use. Pure string building; every piece of user
 * text is XML-escaped and colours are checked, so the output is well-formed whatever the board
 * holds.
 */

export { CARD_HEIGHT, CARD_WIDTH, NOTE_HEIGHT, NOTE_WIDTH };

const PADDING = 40;
const HEADER_HEIGHT = 56;
const LEGEND_WIDTH = 260;
const LEGEND_ROW = 24;
const NO_MODEL_COLOR = "#9ca3af";
const FONT = "system-ui, -apple-system, 'Segoe UI', sans-serif";

// XML 1.0 forbids these code points; lone surrogates cannot be encoded either.
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(INVALID_XML_CHARS, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");
}

function safeColor(value: unknown, fallback: string): string {
  return typeof value === "string" && /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30})$/.test(value) ? value : fallback;
}

function coordinate(value: number): string {
  return String(Number.isFinite(value) ? Math.round(value * 10) / 10 : 0);
}

/** Greedy word wrap into at most `maxLines` lines of `maxChars`, with an ellipsis when cut. */
export function wrapText(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ").filter(Boolean);
  const lines: string[] = [];
  let current = "";
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (candidate.length <= maxChars) {
      current = candidate;
      continue;
    }
    if (current) lines.push(current);
    current = word.length > maxChars ? `${word.slice(0, maxChars - 1)}…` : word;
    if (lines.length === maxLines) break;
  }
  if (current && lines.length < maxLines) lines.push(current);
  if (lines.length === maxLines && lines.join(" ").length < words.join(" ").length) {
    const last = lines[maxLines - 1] ?? "";
    lines[maxLines - 1] = last.length >= maxChars ? `${last.slice(0, maxChars - 1)}…` : `${last}…`;
  }
  return lines;
}

function textLines(lines: readonly string[], x: number, y: number, lineHeight: number, attributes: string): string {
  return lines
    .map(
      (line, index) =>
        `<text x="${coordinate(x)}" y="${coordinate(y + index * lineHeight)}" ${attributes}>${escapeXml(line)}</text>`,
    )
    .join("");
}

interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

function boundsOf(content: BoardContent): Bounds {
  const boxes = [
    ...Object.values(content.initiatives).map((item) => ({ x: item.x, y: item.y, w: CARD_WIDTH, h: CARD_HEIGHT })),
    ...Object.values(content.notes).map((note) => {
      const box = noteBox(note);
      return { x: box.x, y: box.y, w: box.width, h: box.height };
    }),
  ].filter((box) => Number.isFinite(box.x) && Number.isFinite(box.y));
  if (boxes.length === 0) return { minX: 0, minY: 0, maxX: 400, maxY: 200 };
  return {
    minX: Math.min(...boxes.map((box) => box.x)),
    minY: Math.min(...boxes.map((box) => box.y)),
    maxX: Math.max(...boxes.map((box) => box.x + box.w)),
    maxY: Math.max(...boxes.map((box) => box.y + box.h)),
  };
}

function modelOf(content: BoardContent, initiative: InitiativeContent): ModelContent | undefined {
  return initiative.modelId ? content.models[initiative.modelId] : undefined;
}

function renderCard(content: BoardContent, initiative: InitiativeContent): string {
  const model = modelOf(content, initiative);
  const color = safeColor(model?.color, NO_MODEL_COLOR);
  const { x, y } = initiative;
  const title = wrapText(initiative.title || "(untitled)", 28, 2);
  const footer = [model?.name ?? "no model", initiative.owner].filter(Boolean).join(" · ");
  return [
    `<g class="initiative">`,
    `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="${CARD_WIDTH}" height="${CARD_HEIGHT}" rx="8" fill="#ffffff" stroke="${color}" stroke-width="2"/>`,
    `<rect x="${coordinate(x)}" y="${coordinate(y)}" width="8" height="${CARD_HEIGHT}" rx="4" fill="${color}"/>`,
    textLines(title, x + 18, y + 28, 18, `font-size="14" font-weight="600" fill="#0f172a"`),
    textLines(wrapText(footer, 32, 1), x + 18, y + CARD_HEIGHT - 16, 14, `font-size="11" fill="#475569"`),
    `</g>`,
  ].join("");
}

/** A frame: a tinted, titled rectangle drawn behind everything else. */
function renderFrame(note: NoteContent): string {
  const color = safeColor(note.color, DEFAULT_FRAME_COLOR);
  const box = frameBox(note);
  const title = wrapText(note.text || "Frame", Math.max(8, Math.floor(box.width / 8)), 1);
  return [
    `<g class="frame">`,
    `<rect x="${coordinate(box.x)}" y="${coordinate(box.y)}" width="${coordinate(box.width)}" height="${coordinate(box.height)}" rx="10" fill="${color}" fill-opacity="0.35" stroke="${color}" stroke-width="2"/>`,
    textLines(title, box.x + 14, box.y + 24, 18, `font-size="14" font-weight="600" fill="#334155"`),
    `</g>`,
  ].join("");
}

/** Free text: the words alone, in their ink colour, no sticky behind them. */
function renderText(note: NoteContent): string {
  const color = safeColor(note.color, DEFAULT_TEXT_COLOR);
  const lines = note.text.split(/\r?\n/).flatMap((line) => wrapText(line, 40, 6)).slice(0, 12);
  return `<g class="text">${textLines(lines, note.x, note.y + 20, 22, `font-size="18" font-weight="500" fill="${color}"`)}</g>`;
}

function renderNote(note: NoteContent): string {
  const kind = noteKindOf(note);
  if (kind === "frame") return renderFrame(note);
  if (kind === "text") return renderText(note);
  const color = safeColor(note.color, "#fde68a");
  return [
    `<g class="note">`,
    `<rect x="${coordinate(note.x)}" y="${coordinate(note.y)}" width="${NOTE_WIDTH}" height="${NOTE_HEIGHT}" fill="${color}" stroke="#00000022"/>`,
    textLines(wrapText(note.text, 28, 5), note.x + 10, note.y + 22, 17, `font-size="12" fill="#1f2937"`),
    `</g>`,
  ].join("");
}

/** Marker ids per stroke colour, so each arrowhead matches its line. */
type ArrowMarkers = Map<string, string>;

function arrowFor(markers: ArrowMarkers, color: string): string {
  const known = markers.get(color);
  if (known) return known;
  const id = `arrow-${markers.size}`;
  markers.set(color, id);
  return id;
}

function renderArrowMarkers(markers: ArrowMarkers): string {
  return Array.from(markers, ([color, id]) =>
    `<marker id="${id}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${color}"/></marker>`,
  ).join("");
}

/**
 * A link from the right edge of its source card to the left edge of its target (where the
 * canvas attaches it), so the arrowhead ends at the card's border instead of under it.
 */
function renderLink(content: BoardContent, link: LinkContent, models: ReadonlyMap<string, ModelContent>, markers: ArrowMarkers): string {
  const from = content.initiatives[link.from];
  const to = content.initiatives[link.to];
  if (!from || !to) return "";
  const style = linkStyle(link, models);
  const stroke = safeColor(style.stroke, "#64748b");
  const x1 = from.x + CARD_WIDTH;
  const y1 = from.y + CARD_HEIGHT / 2;
  const x2 = to.x;
  const y2 = to.y + CARD_HEIGHT / 2;
  const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : "";
  const caption = style.caption
    ? `<text x="${coordinate((x1 + x2) / 2)}" y="${coordinate((y1 + y2) / 2 - 6)}" font-size="11" fill="${style.blocking ? stroke : "#334155"}" text-anchor="middle">${escapeXml(style.caption)}</text>`
    : "";
  const marker = arrowFor(markers, stroke);
  return `<g class="link${style.blocking ? " blocking" : ""}"><line x1="${coordinate(x1)}" y1="${coordinate(y1)}" x2="${coordinate(x2)}" y2="${coordinate(y2)}" stroke="${stroke}" stroke-width="${style.strokeWidth}"${dash} marker-end="url(#${marker})"/>${caption}</g>`;
}

function renderLegend(content: BoardContent, x: number, y: number): string {
  const counts = new Map<string, number>();
  let unmodelled = 0;
  for (const initiative of Object.values(content.initiatives)) {
    const model = modelOf(content, initiative);
    if (model) counts.set(model.id, (counts.get(model.id) ?? 0) + 1);
    else unmodelled++;
  }
  const rows = Object.values(content.models)
    .filter((model) => counts.has(model.id))
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((model) => ({ name: model.name, color: safeColor(model.color, NO_MODEL_COLOR), count: counts.get(model.id) ?? 0 }));
  if (unmodelled > 0) rows.push({ name: "no model", color: NO_MODEL_COLOR, count: unmodelled });
  const parts = [`<g class="legend"><text x="${coordinate(x)}" y="${coordinate(y)}" font-size="13" font-weight="600" fill="#0f172a">Models in use</text>`];
  rows.forEach((row, index) => {
    const rowY = y + 14 + index * LEGEND_ROW;
    parts.push(
      `<rect x="${coordinate(x)}" y="${coordinate(rowY)}" width="14" height="14" rx="3" fill="${row.color}"/>`,
      `<text x="${coordinate(x + 22)}" y="${coordinate(rowY + 12)}" font-size="12" fill="#334155">${escapeXml(`${row.name} (${row.count})`)}</text>`,
    );
  });
  parts.push(`</g>`);
  return parts.join("");
}

export function exportSvg(content: BoardContent): string {
  const bounds = boundsOf(content);
  const originX = bounds.minX - PADDING;
  const originY = bounds.minY - PADDING - HEADER_HEIGHT;
  const contentWidth = bounds.maxX - bounds.minX + 2 * PADDING;
  const legendRows = Object.keys(content.models).length + 2;
  const height = Math.max(bounds.maxY - bounds.minY + 2 * PADDING, legendRows * LEGEND_ROW) + HEADER_HEIGHT;
  const width = contentWidth + LEGEND_WIDTH;
  const title = content.meta.title || "Untitled board";
  const notes = Object.values(content.notes);
  const models = new Map(Object.entries(content.models));
  const markers: ArrowMarkers = new Map();
  const links = Object.values(content.links).map((link) => renderLink(content, link, models, markers));
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${coordinate(width)}" height="${coordinate(height)}" viewBox="${coordinate(originX)} ${coordinate(originY)} ${coordinate(width)} ${coordinate(height)}" font-family="${FONT}">`,
    `<title>${escapeXml(title)}</title>`,
    `<defs>${renderArrowMarkers(markers)}</defs>`,
    `<rect x="${coordinate(originX)}" y="${coordinate(originY)}" width="${coordinate(width)}" height="${coordinate(height)}" fill="#f8fafc"/>`,
    `<text x="${coordinate(originX + PADDING)}" y="${coordinate(originY + 36)}" font-size="20" font-weight="700" fill="#0f172a">${escapeXml(title)}</text>`,
    ...notes.filter((note) => noteKindOf(note) === "frame").map(renderNote),
    ...notes.filter((note) => noteKindOf(note) === "sticky").map(renderNote),
    ...links,
    ...Object.values(content.initiatives).map((initiative) => renderCard(content, initiative)),
    ...notes.filter((note) => noteKindOf(note) === "text").map(renderNote),
    renderLegend(content, originX + contentWidth + 10, originY + HEADER_HEIGHT + PADDING),
    `</svg>`,
  ].join("\n");
}
