import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateToken } from "../../server/auth/tokens";
import { connectClient, createBoard, startTestServer, waitForSync, type CreatedBoard, type TestServer } from "../helpers/server";

let server: TestServer;
let board: CreatedBoard;
let other: CreatedBoard;

beforeAll(async () => {
  server = await startTestServer();
  board = await createBoard(server.url, { title: "Access" });
  other = await createBoard(server.url, { title: "Other" });
});

afterAll(async () => {
  await server.close();
});

/** The HTTP status of a websocket upgrade (101 when accepted). */
function upgradeStatus(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${server.wsBase}/${path}`, { headers });
    socket.once("open", () => {
      socket.close();
      resolve(101);
    });
    socket.once("unexpected-response", (_request, response) => {
      resolve(response.statusCode ?? 0);
      socket.terminate();
    });
    socket.once("error", () => undefined);
  });
}

async function api(method: string, path: string, token?: string, body?: unknown, via: "header" | "query" = "header"): Promise<Response> {
  const url = new URL(`${server.url}${path}`);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token && via === "header") headers.authorization = `Bearer ${token}`;
  if (token && via === "query") url.searchParams.set("token", token);
  return fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe("S16: tokens and roles", () => {
  it("POST /api/boards creates a board with both links", async () => {
    const created = await createBoard(server.url, { title: "  Q3 portfolio  " });
    expect(created.title).toBe("Q3 portfolio");
    expect(created.editUrl).toContain(created.editToken);
    expect(created.viewUrl).toContain(created.viewToken);
    expect(created.editToken).not.toBe(created.viewToken);
  });

  it.each(["header", "query"] as const)("GET /api/boards/:id answers each role (token in the %s)", async (via) => {
    for (const [token, role] of [
      [board.editToken, "edit"],
      [board.viewToken, "view"],
    ] as const) {
      const response = await api("GET", `/api/boards/${board.id}`, token, undefined, via);
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(body).toMatchObject({ id: board.id, title: "Access", role });
      expect(typeof body.createdAt).toBe("string");
      expect(typeof body.updatedAt).toBe("string");
    }
  });

  it("no token, a wrong token, a malformed token or another board's token is 401", async () => {
    for (const token of [undefined, generateToken(), "not-a-token", other.editToken, other.viewToken]) {
      const response = await api("GET", `/api/boards/${board.id}`, token);
      expect(response.status).toBe(401);
      const body = (await response.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe("unauthorized");
      expect(body.error.message.length).toBeGreaterThan(0);
    }
  });

  it("an unknown board with a well-formed token is 404", async () => {
    const response = await api("GET", `/api/boards/${"x".repeat(22)}`, generateToken());
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });

  it("a view token on an edit request is 403, an edit token is accepted", async () => {
    const viewed = await api("POST", `/api/boards/${board.id}/tokens/rotate`, board.viewToken, { role: "view" });
    expect(viewed.status).toBe(403);
    expect(((await viewed.json()) as { error: { code: string } }).error.code).toBe("forbidden");
  });

  it("bad JSON and invalid bodies are 400 naming the field; the process keeps serving", async () => {
    const badJson = await fetch(`${server.url}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: "{oops" });
    expect(badJson.status).toBe(400);
    expect(((await badJson.json()) as { error: { code: string } }).error.code).toBe("invalid_json");
    const badTitle = await api("POST", "/api/boards", undefined, { title: 42 });
    expect(badTitle.status).toBe(400);
    expect(((await badTitle.json()) as { error: { message: string } }).error.message).toMatch(/^title/);
    const badRole = await api("POST", `/api/boards/${board.id}/tokens/rotate`, board.editToken, { role: "owner" });
    expect(badRole.status).toBe(400);
    expect(((await badRole.json()) as { error: { message: string } }).error.message).toMatch(/^role/);
    const badTemplate = await api("POST", "/api/boards", undefined, { template: "nope" });
    expect(badTemplate.status).toBe(400);
    const tooLarge = await fetch(`${server.url}/api/boards`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ title: "x".repeat(2 * 1024 * 1024) }) });
    expect(tooLarge.status).toBe(413);
    const wrongMethod = await fetch(`${server.url}/api/boards/${board.id}`, { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("the websocket upgrade follows the same matrix", async () => {
    expect(await upgradeStatus(`${board.id}`)).toBe(401);
    expect(await upgradeStatus(`${board.id}?token=${generateToken()}`)).toBe(401);
    expect(await upgradeStatus(`${board.id}?token=${other.editToken}`)).toBe(401);
    expect(await upgradeStatus(`${"y".repeat(22)}?token=${generateToken()}`)).toBe(404);
    expect(await upgradeStatus(`${board.id}?token=${board.viewToken}`)).toBe(101);
    expect(await upgradeStatus(`${board.id}?token=${board.editToken}`)).toBe(101);
    expect(await upgradeStatus(`${board.id}`, { authorization: `Bearer ${board.editToken}` })).toBe(101);
  });

  it("a browser Origin other than the server's own host is refused", async () => {
    const host = new URL(server.url).host;
    expect(await upgradeStatus(`${board.id}?token=${board.editToken}`, { origin: "https://evil.example" })).toBe(403);
    expect(await upgradeStatus(`${board.id}?token=${board.editToken}`, { origin: `http://${host}` })).toBe(101);
  });
});

describe("operations", () => {
  it("/healthz, /readyz and /metrics answer", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    for (const name of [
      "modelmap_connections",
      "modelmap_rooms_loaded",
      "modelmap_updates_applied_total",
      "modelmap_update_latency_seconds_bucket",
      "modelmap_storage_write_latency_seconds_bucket",
      "process_resident_memory_bytes",
    ]) {
      expect(metrics).toContain(name);
    }
  });
});

describe("templates", () => {
  it("a board from the sample portfolio template starts with its initiatives and the model library", async () => {
    const created = await createBoard(server.url, { title: "Sample", template: "sample-portfolio" });
    const client = connectClient(server.wsBase, created.id, created.viewToken);
    await waitForSync(client);
    expect(client.doc.getMap("initiatives").size).toBeGreaterThanOrEqual(20);
    expect(client.doc.getMap("models").size).toBe(13);
    expect(client.doc.getMap("meta").get("title")).toBe("Sample");
    client.destroy();
  });
});
