import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInitiative } from "../../lib/board/mutations";
import { startServer } from "../../server/app";
import { CloseCode } from "../../server/collab/closeCodes";
import { encodeSyncStep1, encodeSyncUpdate } from "../../server/collab/protocol";
import { parseConfig } from "../../server/config";
import { createLogger } from "../../server/logger";
import { SqliteStorage } from "../../server/storage/sqlite";
import type { Storage } from "../../server/storage/types";
import { connectClient, createBoard, sleep, startTestServer, tempDir, waitFor, waitForSync, type CreatedBoard, type TestServer } from "../helpers/server";
import { accessMatrixMismatches, upgradeStatus, type MatrixBoards } from "./access-matrix";

/*
 * R5: the full token × role × endpoint × websocket matrix, view-role updates during the
 * handshake, and rotation closing live sockets within 1 s.
 */

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server.close();
});

/** A board with one initiative and one version, plus another board whose tokens must not work. */
async function matrixBoards(baseUrl: string, wsBase: string): Promise<MatrixBoards> {
  const board = await createBoard(baseUrl, { title: "Matrix" });
  const other = await createBoard(baseUrl, { title: "Other" });
  const editor = connectClient(wsBase, board.id, board.editToken, "Editor");
  await waitForSync(editor);
  const initiativeId = createInitiative(editor.doc, { title: "Matrix initiative", x: 1, y: 2 }, { kind: "local-user", userName: "Editor" });
  const version = await waitForVersion(baseUrl, board, initiativeId);
  editor.destroy();
  return { board, other, versionId: version, initiativeId };
}

/** Creates a named version once the initiative is stored (so history knows it). */
async function waitForVersion(baseUrl: string, board: CreatedBoard, initiativeId: string): Promise<string> {
  await waitFor(async () => {
    const response = await fetch(`${baseUrl}/api/boards/${board.id}/state`, { headers: { authorization: `Bearer ${board.viewToken}` } });
    const content = (await response.json()) as { initiatives: Record<string, unknown> };
    return initiativeId in content.initiatives;
  }, 10_000, "initiative stored");
  const response = await fetch(`${baseUrl}/api/boards/${board.id}/versions`, {
    method: "POST",
    headers: { authorization: `Bearer ${board.editToken}`, "content-type": "application/json" },
    body: JSON.stringify({ label: "base" }),
  });
  return ((await response.json()) as { id: string }).id;
}

function openSocket(boardId: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsBase}/${boardId}?token=${token}`);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Storage that grants edit to view tokens: the deliberately broken variant. */
function escalatingStorage(storage: Storage): Storage {
  return new Proxy(storage, {
    get(target, property) {
      if (property === "findTokenRole") {
        return async (boardId: string, hash: string) => ((await target.findTokenRole(boardId, hash)) ? "edit" : null);
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

describe("R5: access matrix", () => {
  it("every token × endpoint × (header | query) answers as the contract says, and so does the websocket", async () => {
    const boards = await matrixBoards(server.url, server.wsBase);
    expect(await accessMatrixMismatches(server.url, server.wsBase, boards)).toEqual([]);
  });

  it("S6: updates a view socket sends during the handshake are dropped; an edit socket's are stored", async () => {
    const board = await createBoard(server.url);
    for (const [token, stored] of [
      [board.viewToken, false],
      [board.editToken, true],
    ] as const) {
      const source = new Y.Doc();
      source.getMap("notes").set(`from-${stored ? "edit" : "view"}`, 1);
      const headBefore = await server.storage.headSeq(board.id);
      const socket = await openSocket(board.id, token);
      // Before the server's sync step 1 arrives: step 2 and an update, as a hostile client would.
      socket.send(encodeSyncUpdate(Y.encodeStateAsUpdate(source)));
      socket.send(encodeSyncStep1(new Uint8Array([0])));
      await sleep(300);
      socket.close();
      expect(await server.storage.headSeq(board.id)).toBe(stored ? headBefore + 1 : headBefore);
    }
  });

  it("S12: rotating a role's token closes all its live sockets within 1 s, leaves the other role open, and switches the accepted token", async () => {
    const board = await createBoard(server.url);
    const viewers = Array.from({ length: 5 }, (_, i) => connectClient(server.wsBase, board.id, board.viewToken, `V${i}`));
    const editors = Array.from({ length: 5 }, (_, i) => connectClient(server.wsBase, board.id, board.editToken, `E${i}`));
    await Promise.all([...viewers, ...editors].map((client) => waitForSync(client)));
    const started = performance.now();
    const response = await fetch(`${server.url}/api/boards/${board.id}/tokens/rotate`, {
      method: "POST",
      headers: { authorization: `Bearer ${board.editToken}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "view" }),
    });
    expect(response.status).toBe(200);
    const { token } = (await response.json()) as { token: string };
    await waitFor(() => viewers.every((viewer) => viewer.closes.length > 0), 5000, "viewers closed");
    expect(performance.now() - started).toBeLessThan(1000);
    for (const viewer of viewers) expect(viewer.closes[0]?.code).toBe(CloseCode.TokenRevoked);
    expect(editors.every((editor) => editor.provider.wsconnected && editor.closes.length === 0)).toBe(true);
    expect(await upgradeStatus(server.wsBase, board.id, board.viewToken)).toBe(401);
    expect(await upgradeStatus(server.wsBase, board.id, token)).toBe(101);
    for (const client of [...viewers, ...editors]) client.destroy();
  });

  it("negative control: a server that lets view tokens edit fails the matrix", async () => {
    const { dir, remove } = tempDir("modelmap-r5-");
    const storage = new SqliteStorage(dir);
    const config = parseConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dir, LOG_LEVEL: "silent" });
    const broken = await startServer({ config, ui: "off", logger: createLogger("silent"), storage: escalatingStorage(storage) });
    try {
      const wsBase = `ws://127.0.0.1:${broken.port}/collab`;
      const mismatches = await accessMatrixMismatches(broken.url, wsBase, await matrixBoards(broken.url, wsBase));
      expect(mismatches.some((line) => line.startsWith("view token") && line.includes("expected 403"))).toBe(true);
    } finally {
      await broken.close();
      remove();
    }
  });
});
