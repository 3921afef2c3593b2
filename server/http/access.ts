import { hashToken, looksLikeId, looksLikeToken, tokenFromRequest } from "../auth/tokens";
import type { Role, Storage } from "../storage/types";
import { ApiError, ErrorCode } from "./errors";

export type Grant =
  | { ok: true; role: Role; tokenHash: string }
  | { ok: false; status: 401 | 404; code: string; message: string };

/** Capability checks shared by the HTTP API and the websocket upgrade. */
export class BoardAccess {
  constructor(private readonly storage: Storage) {}

  /**
   * No token or a malformed one: 401. A well-formed token for a board that does not exist:
   * 404. A token that is not this board's: 401.
   */
  async authorize(boardId: string, authorization: string | undefined, url: URL): Promise<Grant> {
    const token = tokenFromRequest(authorization, url);
    if (!token) return { ok: false, status: 401, code: ErrorCode.Unauthorized, message: "a token is required (Authorization: Bearer <token> or ?token=)" };
    if (!looksLikeToken(token)) return { ok: false, status: 401, code: ErrorCode.Unauthorized, message: "invalid token" };
    if (!looksLikeId(boardId)) return { ok: false, status: 404, code: ErrorCode.NotFound, message: "no such board" };
    const board = await this.storage.getBoard(boardId);
    if (!board) return { ok: false, status: 404, code: ErrorCode.NotFound, message: "no such board" };
    const tokenHash = hashToken(token);
    const role = await this.storage.findTokenRole(boardId, tokenHash);
    if (!role) return { ok: false, status: 401, code: ErrorCode.Unauthorized, message: "invalid token" };
    return { ok: true, role, tokenHash };
  }

  /** Like authorize, for HTTP handlers: throws ApiError, and 403 when `edit` is needed. */
  async require(boardId: string, authorization: string | undefined, url: URL, needed: Role): Promise<{ role: Role; tokenHash: string }> {
    const grant = await this.authorize(boardId, authorization, url);
    if (!grant.ok) throw new ApiError(grant.status, grant.status === 404 ? ErrorCode.NotFound : ErrorCode.Unauthorized, grant.message);
    if (needed === "edit" && grant.role !== "edit") throw new ApiError(403, ErrorCode.Forbidden, "this link is read-only; an edit link is needed");
    return { role: grant.role, tokenHash: grant.tokenHash };
  }
}
