import type { IncomingMessage } from "node:http";
import type { Logger } from "pino";
import { z } from "zod";
import type { RoomRegistry } from "../collab/registry";
import type { RoomHooks } from "../collab/room";
import { BackgroundIndexing } from "../history/backgroundIndexing";
import { IndexingWorker } from "../history/indexingWorker";
import { initiativeHistory } from "../history/cardHistory";
import { DEFAULT_RECORDER_TIMING, HistoryRecorder, type RecorderTiming } from "../history/recorder";
import { HistoryService } from "../history/service";
import { timelinePage } from "../history/timeline";
import type { Storage, VersionRecord } from "../storage/types";
import type { BoardAccess } from "./access";
import { ApiError, ErrorCode } from "./errors";
import { parseWith, readJson, sendJson, type RequestContext, type Router } from "./router";

export interface HistoryDependencies {
  storage: Storage;
  access: BoardAccess;
  registry: RoomRegistry;
  /** The rooms' hooks: automatic versions plug into `afterStore` (after any hook already set). */
  hooks: RoomHooks;
  logger: Logger;
  recorderTiming?: RecorderTiming;
  /** Default true: the history index is built in a worker thread (IndexingWorker). */
  indexInWorker?: boolean;
}

const LABEL_MAX = 200;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

const CreateVersionBody = z.object({ label: z.string().trim().min(1, "a label is required").max(LABEL_MAX, `at most ${LABEL_MAX} characters`) });
const RestoreBody = z.object({
  versionId: z.string().min(1, "a version id is required").max(128),
  initiativeId: z.string().min(1).max(128).optional(),
});
const TimelineQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: z.coerce.number().int().min(0).optional(),
});

function versionJson(version: VersionRecord) {
  const { id, label, kind, createdAt, createdBy } = version;
  return { id, label, kind, createdAt: new Date(createdAt).toISOString(), createdBy };
}

/** The name a person gave in the app (sent URI-encoded, since headers are Latin-1). */
function userNameOf(request: IncomingMessage): string | null {
  const raw = request.headers["x-user-name"];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value) return null;
  let name = value;
  try {
    name = decodeURIComponent(value);
  } catch {
    name = value;
  }
  name = name.trim().slice(0, 100);
  return name === "" ? null : name;
}

/**
 * History endpoints of the contract (versions, changes, restore) and those of the history
 * panel (timeline, state at a point, card history); also starts automatic versions.
 */
export function registerHistoryRoutes(router: Router, deps: HistoryDependencies): HistoryService {
  const { storage, access, registry } = deps;
  const history = new HistoryService(storage, registry, deps.indexInWorker === false ? undefined : new IndexingWorker(storage, deps.logger));
  const recorder = new HistoryRecorder(history, deps.logger, deps.recorderTiming ?? DEFAULT_RECORDER_TIMING);
  const indexing = new BackgroundIndexing(history.indexer, deps.logger);
  const previousAfterStore = deps.hooks.afterStore;
  deps.hooks.afterStore = async (event) => {
    await previousAfterStore?.(event);
    recorder.afterStore(event);
    indexing.afterStore(event);
  };

  /** A version id or an ISO-8601 time, as the seq it stands for; 400 names the parameter. */
  async function resolvePoint(boardId: string, name: string, value: string): Promise<{ seq: number; label: string }> {
    if (ISO_TIME.test(value)) {
      const at = Date.parse(value);
      if (Number.isNaN(at)) throw new ApiError(400, ErrorCode.ValidationFailed, `${name}: not a valid ISO-8601 time`);
      const head = await history.headSeq(boardId);
      return { seq: Math.min(head, await storage.seqAtTime(boardId, at)), label: value };
    }
    const version = value.length <= 128 ? await storage.getVersion(boardId, value) : null;
    if (!version) throw new ApiError(400, ErrorCode.ValidationFailed, `${name}: expected a version id of this board or an ISO-8601 time`);
    return { seq: version.seq, label: value };
  }

  async function pointOrNow(boardId: string, name: string, value: string | null): Promise<{ seq: number; label: string }> {
    if (value === null || value === "") return { seq: await history.headSeq(boardId), label: new Date().toISOString() };
    return resolvePoint(boardId, name, value);
  }

  router.on("GET", "/api/boards/:id/versions", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "view");
    sendJson(response, 200, (await storage.listVersions(boardId)).map(versionJson));
  });

  router.on("POST", "/api/boards/:id/versions", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "edit");
    const body = await readJson(request, CreateVersionBody);
    const version = await history.createVersion(boardId, body.label, "named", userNameOf(request) ?? "someone");
    sendJson(response, 201, versionJson(version));
  });

  router.on("GET", "/api/boards/:id/changes", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "view");
    const fromValue = url.searchParams.get("from");
    if (!fromValue) throw new ApiError(400, ErrorCode.ValidationFailed, "from: a version id or an ISO-8601 time is required");
    const from = await resolvePoint(boardId, "from", fromValue);
    const to = await pointOrNow(boardId, "to", url.searchParams.get("to"));
    sendJson(response, 200, await history.changes(boardId, from, to));
  });

  router.on("GET", "/api/boards/:id/state", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "view");
    const point = await pointOrNow(boardId, "at", url.searchParams.get("at"));
    sendJson(response, 200, await history.contentAt(boardId, point.seq), { "X-History-Seq": String(point.seq) });
  });

  router.on("POST", "/api/boards/:id/restore", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "edit");
    const body = await readJson(request, RestoreBody);
    const version = await storage.getVersion(boardId, body.versionId);
    if (!version) throw new ApiError(404, ErrorCode.NotFound, "versionId: no such version of this board");
    const result = await history.restore(boardId, version, userNameOf(request), body.initiativeId);
    if (result === "unknown-initiative") throw new ApiError(404, ErrorCode.NotFound, "initiativeId: no such initiative then or now");
    sendJson(response, 200, { versionId: version.id, initiativeId: body.initiativeId ?? null, ...result });
  });

  router.on("GET", "/api/boards/:id/timeline", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "view");
    const query = parseWith(TimelineQuery, Object.fromEntries(url.searchParams));
    const head = await history.headSeq(boardId);
    await history.indexer.ensure(boardId, head);
    sendJson(response, 200, await timelinePage(storage, boardId, Math.min(head, query.before ?? head), query.limit));
  });

  router.on("GET", "/api/boards/:id/initiatives/:initiativeId/history", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    const initiativeId = params.initiativeId ?? "";
    await access.require(boardId, request.headers.authorization, url, "view");
    const head = await history.headSeq(boardId);
    await history.indexer.ensure(boardId, head);
    const entries = await initiativeHistory(storage, boardId, initiativeId, head);
    if (entries.length === 0 && !(await history.contentAt(boardId, head)).initiatives[initiativeId]) {
      throw new ApiError(404, ErrorCode.NotFound, "no such initiative");
    }
    sendJson(response, 200, entries);
  });

  return history;
}
