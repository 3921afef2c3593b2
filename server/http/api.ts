import { z } from "zod";
import { createBoard, rotateToken, boardUrl } from "../boards";
import type { RoomRegistry } from "../collab/registry";
import type { Storage } from "../storage/types";
import type { BoardAccess } from "./access";
import { Router, readJson, sendJson, type RequestContext } from "./router";
import { ApiError, ErrorCode } from "./errors";
import type { BoardContent } from "../../lib/board/types";

export interface ApiDependencies {
  storage: Storage;
  access: BoardAccess;
  registry: RoomRegistry;
  publicUrl: string;
  /** Content of a named template, or null for an unknown name ("blank" gives the default board). */
  templateContent: (name: string, title: string) => BoardContent | null;
}

const TITLE_MAX = 200;

const CreateBoardBody = z.object({
  title: z.string().trim().max(TITLE_MAX, `at most ${TITLE_MAX} characters`).optional(),
  template: z.string().max(64).optional(),
});

const RotateBody = z.object({ role: z.enum(["edit", "view"], { error: 'expected "edit" or "view"' }) });

/** Board routes of the contract: create, read, rotate tokens. Other modules add their own. */
export function registerBoardRoutes(router: Router, deps: ApiDependencies): void {
  const { storage, access, registry, publicUrl } = deps;

  router.on("POST", "/api/boards", async ({ request, response }: RequestContext) => {
    const body = await readJson(request, CreateBoardBody);
    const title = body.title && body.title.length > 0 ? body.title : "Untitled board";
    let content: BoardContent | undefined;
    if (body.template && body.template !== "blank") {
      const template = deps.templateContent(body.template, title);
      if (!template) throw new ApiError(400, ErrorCode.ValidationFailed, `template: unknown template "${body.template}"`);
      content = template;
    }
    const created = await createBoard(storage, publicUrl, { title, content, source: "template" });
    sendJson(response, 201, created);
  });

  router.on("GET", "/api/boards/:id", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    const { role } = await access.require(boardId, request.headers.authorization, url, "view");
    const board = await storage.getBoard(boardId);
    if (!board) throw new ApiError(404, ErrorCode.NotFound, "no such board");
    const room = registry.loaded(boardId);
    const liveTitle = room?.doc.getMap("meta").get("title");
    sendJson(response, 200, {
      id: board.id,
      title: typeof liveTitle === "string" ? liveTitle : board.title,
      role,
      createdAt: new Date(board.createdAt).toISOString(),
      updatedAt: new Date(board.updatedAt).toISOString(),
    });
  });

  router.on("POST", "/api/boards/:id/tokens/rotate", async ({ request, response, url, params }: RequestContext) => {
    const boardId = params.id ?? "";
    await access.require(boardId, request.headers.authorization, url, "edit");
    const body = await readJson(request, RotateBody);
    const token = await rotateToken(storage, boardId, body.role);
    // One token per role: every open connection of that role used the token just replaced.
    registry.closeConnectionsOfRole(boardId, body.role);
    sendJson(response, 200, { token, url: boardUrl(publicUrl, boardId, token) });
  });
}
