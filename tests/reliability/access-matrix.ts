import WebSocket from "ws";
import { generateToken } from "../../server/auth/tokens";
import type { CreatedBoard } from "../helpers/server";

/*
 * The access matrix: every kind of token × every board endpoint × how the token is sent, with
 * the answer the contract requires. Returns the cells that answered otherwise.
 */

export interface MatrixBoards {
  board: CreatedBoard;
  other: CreatedBoard;
  versionId: string;
  initiativeId: string;
}

type Needed = "view" | "edit";

interface Endpoint {
  name: string;
  method: "GET" | "POST";
  path: (boardId: string, boards: MatrixBoards) => string;
  body?: (boards: MatrixBoards) => unknown;
  needs: Needed;
}

/** Every board-scoped route the router has (rotation is checked on its own: it changes tokens). */
export const ENDPOINTS: Endpoint[] = [
  { name: "GET board", method: "GET", path: (id) => `/api/boards/${id}`, needs: "view" },
  { name: "GET versions", method: "GET", path: (id) => `/api/boards/${id}/versions`, needs: "view" },
  { name: "POST versions", method: "POST", path: (id) => `/api/boards/${id}/versions`, body: () => ({ label: "matrix" }), needs: "edit" },
  { name: "GET changes", method: "GET", path: (id, b) => `/api/boards/${id}/changes?from=${b.versionId}`, needs: "view" },
  { name: "GET state", method: "GET", path: (id) => `/api/boards/${id}/state`, needs: "view" },
  { name: "POST restore", method: "POST", path: (id) => `/api/boards/${id}/restore`, body: (b) => ({ versionId: b.versionId }), needs: "edit" },
  { name: "GET timeline", method: "GET", path: (id) => `/api/boards/${id}/timeline`, needs: "view" },
  { name: "GET initiative history", method: "GET", path: (id, b) => `/api/boards/${id}/initiatives/${b.initiativeId}/history`, needs: "view" },
  { name: "POST snapshots", method: "POST", path: (id) => `/api/boards/${id}/snapshots`, body: () => ({}), needs: "view" },
  { name: "GET export", method: "GET", path: (id) => `/api/boards/${id}/export?format=json`, needs: "view" },
  { name: "POST rotate (refusals only)", method: "POST", path: (id) => `/api/boards/${id}/tokens/rotate`, body: () => ({ role: "view" }), needs: "edit" },
];

interface TokenKind {
  name: string;
  token: (boards: MatrixBoards) => string | undefined;
  /** The role it grants on `board`, or the status it must get. */
  grants: Needed | 401;
}

export const TOKENS: TokenKind[] = [
  { name: "edit token", token: (b) => b.board.editToken, grants: "edit" },
  { name: "view token", token: (b) => b.board.viewToken, grants: "view" },
  { name: "other board's edit token", token: (b) => b.other.editToken, grants: 401 },
  { name: "other board's view token", token: (b) => b.other.viewToken, grants: 401 },
  { name: "unknown well-formed token", token: () => generateToken(), grants: 401 },
  { name: "malformed token", token: () => "not-a-token", grants: 401 },
  { name: "no token", token: () => undefined, grants: 401 },
];

function expectedStatus(endpoint: Endpoint, kind: TokenKind): "ok" | 401 | 403 {
  if (kind.grants === 401) return 401;
  if (endpoint.needs === "edit" && kind.grants === "view") return 403;
  return "ok";
}

async function call(baseUrl: string, endpoint: Endpoint, boardId: string, boards: MatrixBoards, token: string | undefined, via: "header" | "query"): Promise<number> {
  const url = new URL(`${baseUrl}${endpoint.path(boardId, boards)}`);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token && via === "header") headers.authorization = `Bearer ${token}`;
  if (token && via === "query") url.searchParams.set("token", token);
  const body = endpoint.body ? JSON.stringify(endpoint.body(boards)) : undefined;
  const response = await fetch(url, { method: endpoint.method, headers, body });
  await response.arrayBuffer();
  return response.status;
}

/** The HTTP status of a websocket upgrade (101 when accepted). */
export function upgradeStatus(wsBase: string, boardId: string, token: string | undefined): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${wsBase}/${boardId}${token ? `?token=${encodeURIComponent(token)}` : ""}`);
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", () => resolve(0));
  });
}

/** Runs the whole matrix; every returned line is a cell that answered wrongly. */
export async function accessMatrixMismatches(baseUrl: string, wsBase: string, boards: MatrixBoards): Promise<string[]> {
  const mismatches: string[] = [];
  const unknownBoard = "x".repeat(22);
  for (const kind of TOKENS) {
    const token = kind.token(boards);
    for (const endpoint of ENDPOINTS) {
      const expected = expectedStatus(endpoint, kind);
      // Rotation with the edit token would succeed and change the tokens under the matrix.
      if (endpoint.name.startsWith("POST rotate") && expected === "ok") continue;
      for (const via of ["header", "query"] as const) {
        const status = await call(baseUrl, endpoint, boards.board.id, boards, token, via);
        const right = expected === "ok" ? status >= 200 && status < 300 : status === expected;
        if (!right) mismatches.push(`${kind.name} (${via}) → ${endpoint.name}: ${status}, expected ${expected}`);
      }
      // An unknown board: 404 for a well-formed token, 401 without one.
      const unknownExpected = token && kind.name !== "malformed token" ? 404 : 401;
      const unknownStatus = await call(baseUrl, endpoint, unknownBoard, boards, token, "header");
      if (unknownStatus !== unknownExpected) mismatches.push(`${kind.name} → ${endpoint.name} on an unknown board: ${unknownStatus}, expected ${unknownExpected}`);
    }
    const socketStatus = await upgradeStatus(wsBase, boards.board.id, token);
    const socketExpected = kind.grants === 401 ? 401 : 101;
    if (socketStatus !== socketExpected) mismatches.push(`${kind.name} → websocket: ${socketStatus}, expected ${socketExpected}`);
  }
  return mismatches;
}
