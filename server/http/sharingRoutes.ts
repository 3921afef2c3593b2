import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { createBoard } from "../boards";
import type { RoomRegistry } from "../collab/registry";
import { contentDisposition, EXPORT_FORMATS, renderExport } from "../sharing/exports";
import {
  contentFromCsvPreview,
  contentFromJsonText,
  describeRowErrors,
  importTitle,
  previewCsvImport,
} from "../sharing/imports";
import { PngUnavailableError } from "../sharing/png";
import { RateLimiter, SNAPSHOT_RATE_LIMIT, setSnapshotRateLimiter } from "../sharing/rateLimit";
import { SHARED_PAGE_HEADERS } from "../sharing/securityHeaders";
import { currentContent, looksLikeSnapshotId, snapshotContentOf, snapshotUrl, takeSnapshot } from "../sharing/snapshots";
import type { Storage } from "../storage/types";
import type { BoardAccess } from "./access";
import { ApiError, ErrorCode } from "./errors";
import { Router, parseWith, readBody, readJson, sendJson, sendText, type RequestContext } from "./router";

export interface SharingDependencies {
  storage: Storage;
  access: BoardAccess;
  registry: RoomRegistry;
  publicUrl: string;
  /** Snapshot lookups per client; defaults to SNAPSHOT_RATE_LIMIT, shared with the snapshot page. */
  snapshotLimiter?: RateLimiter;
}

/** Imports may carry whole boards (20,000 items at most, validate.ts). */
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

const SnapshotBody = z.object({ versionId: z.string().min(1, "must not be empty").max(120).optional() });
const ExportQuery = z.object({
  format: z.enum(EXPORT_FORMATS, { error: `expected one of ${EXPORT_FORMATS.join(", ")}` }),
});
const ImportQuery = z.object({
  format: z.enum(["json", "csv"], { error: 'expected "json" or "csv"' }).default("json"),
  preview: z.enum(["0", "1", "true", "false"]).optional(),
  skipInvalid: z.enum(["0", "1", "true", "false"]).optional(),
  title: z.string().max(400).optional(),
});

const yes = (value: string | undefined) => value === "1" || value === "true";

/** The peer address; X-Forwarded-For is client-controlled unless a trusted proxy sets it. */
export function clientAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? "unknown";
}

/** Snapshots (create, read), export in five formats, and import from JSON or CSV. */
export function registerSharingRoutes(router: Router, deps: SharingDependencies): void {
  const { storage, access, registry, publicUrl } = deps;
  const limiter = deps.snapshotLimiter ?? new RateLimiter(SNAPSHOT_RATE_LIMIT);
  setSnapshotRateLimiter(limiter);

  router.on("POST", "/api/boards/:id/snapshots", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "view");
    const body = await readJson(request, SnapshotBody);
    const snapshot = await takeSnapshot({ storage, registry }, boardId, body.versionId);
    sendJson(response, 201, {
      id: snapshot.id,
      url: snapshotUrl(publicUrl, snapshot.id),
      takenAt: new Date(snapshot.takenAt).toISOString(),
      versionId: snapshot.versionId,
    });
  });

  router.on("GET", "/api/snapshots/:id", async ({ request, response, params }: RequestContext) => {
    const decision = limiter.take(clientAddress(request));
    if (!decision.allowed) {
      const error = new ApiError(429, ErrorCode.RateLimited, "too many snapshot lookups; retry later");
      sendJson(response, 429, error.toJSON(), { "Retry-After": String(decision.retryAfterSeconds) });
      return;
    }
    const snapshotId = params.id ?? "";
    const snapshot = looksLikeSnapshotId(snapshotId) ? await storage.getSnapshot(snapshotId) : null;
    if (!snapshot) throw new ApiError(404, ErrorCode.NotFound, "no such snapshot");
    sendJson(response, 200, snapshotContentOf(snapshot.state), SHARED_PAGE_HEADERS);
  });

  router.on("GET", "/api/boards/:id/export", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "view");
    const { format } = parseWith(ExportQuery, { format: url.searchParams.get("format") ?? undefined });
    const content = await currentContent({ storage, registry }, boardId);
    let rendered;
    try {
      rendered = await renderExport(content, format);
    } catch (error) {
      if (error instanceof PngUnavailableError) throw new ApiError(503, ErrorCode.Unavailable, error.message);
      throw error;
    }
    sendText(response, 200, rendered.body, rendered.contentType, {
      "Content-Disposition": contentDisposition(rendered.filename),
      "X-Content-Type-Options": "nosniff",
      // An SVG opened directly is a document: it may never run script or load anything.
      ...(format === "svg" ? { "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox" } : {}),
    });
  });

  router.on("POST", "/api/boards/import", async ({ request, response, url }: RequestContext) => {
    const query = parseWith(ImportQuery, Object.fromEntries(url.searchParams));
    const text = (await readBody(request, IMPORT_BODY_LIMIT)).toString("utf8");
    if (query.format === "json") {
      const content = contentFromJsonText(text);
      const title = importTitle(query.title ?? content.meta.title, "Imported board");
      sendJson(response, 201, await createBoard(storage, publicUrl, { title, content, source: "json" }));
      return;
    }
    const preview = previewCsvImport(text, importTitle(query.title, "Imported initiatives"));
    if (yes(query.preview)) {
      sendJson(response, 200, preview);
      return;
    }
    if (preview.errors.length > 0 && !yes(query.skipInvalid)) {
      sendJson(response, 400, { ...new ApiError(400, ErrorCode.ValidationFailed, describeRowErrors(preview.errors)).toJSON(), errors: preview.errors });
      return;
    }
    const content = contentFromCsvPreview(preview);
    sendJson(response, 201, await createBoard(storage, publicUrl, { title: preview.title, content, source: "csv" }));
  });
}
