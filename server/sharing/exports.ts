import { exportInitiativesCsv } from "../../lib/board/csv";
import { exportMarkdown } from "../../lib/board/markdown";
import { exportSvg } from "../../lib/board/svg";
import type { BoardContent } from "../../lib/board/types";
import { exportPng } from "./png";

/** The formats of `GET /api/boards/:id/export?format=…` (contract). */
export const EXPORT_FORMATS = ["json", "csv", "svg", "png", "md"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface RenderedExport {
  body: string | Buffer;
  contentType: string;
  /** Download name: the board title as a slug, the day, the format's extension. */
  filename: string;
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  svg: "image/svg+xml; charset=utf-8",
  png: "image/png",
  md: "text/markdown; charset=utf-8",
};

/** A file-name-safe form of a title: ASCII letters, digits and dashes. */
export function titleSlug(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return slug || "board";
}

export function exportFilename(title: string, format: ExportFormat, at: Date = new Date()): string {
  return `${titleSlug(title)}-${at.toISOString().slice(0, 10)}.${format}`;
}

/** `attachment` with an ASCII name (the slug already is) and its RFC 5987 form. */
export function contentDisposition(filename: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export async function renderExport(content: BoardContent, format: ExportFormat, at: Date = new Date()): Promise<RenderedExport> {
  const filename = exportFilename(content.meta.title, format, at);
  const contentType = CONTENT_TYPES[format];
  switch (format) {
    case "json":
      return { body: JSON.stringify(content, null, 2), contentType, filename };
    case "csv":
      return { body: exportInitiativesCsv(content), contentType, filename };
    case "svg":
      return { body: exportSvg(content), contentType, filename };
    case "md":
      return { body: exportMarkdown(content), contentType, filename };
    case "png":
      return { body: await exportPng(content), contentType, filename };
  }
}
