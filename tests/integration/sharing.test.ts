import { Writable } from "node:stream";
import pino from "pino";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInitiative, setBoardTitle, updateInitiative } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { exportSvg } from "../../lib/board/svg";
import type { BoardContent } from "../../lib/board/types";
import { startServer } from "../../server/app";
import { parseConfig } from "../../server/config";
import { exportPixelSize, svgSize } from "../../server/sharing/png";
import {
  connectClient,
  createBoard,
  startTestServer,
  tempDir,
  waitFor,
  waitForSync,
  type CreatedBoard,
  type TestClient,
  type TestServer,
} from "../helpers/server";
import { assertWellFormedXml, decodePng, expectedRawLength } from "./sharing-formats";

let server: TestServer;
const clients: TestClient[] = [];
const origin = localUserOrigin("Alice");

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server.close();
});

async function api(path: string, init: RequestInit & { token?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("authorization", `Bearer ${init.token}`);
  return fetch(`${server.url}${path}`, { ...init, headers });
}

async function postJson(path: string, body: unknown, token?: string): Promise<Response> {
  return api(path, { method: "POST", body: JSON.stringify(body), token, headers: { "content-type": "application/json" } });
}

/** A board with three initiatives written through the stock client, stored before returning. */
async function boardWithInitiatives(title: string): Promise<{ board: CreatedBoard; editor: TestClient; ids: string[] }> {
  const board = await createBoard(server.url, { title });
  const editor = connectClient(server.wsBase, board.id, board.editToken, "Alice");
  clients.push(editor);
  await waitForSync(editor);
  const ids = [
    createInitiative(editor.doc, { title: "Checkout redesign", modelId: "staged-venture-bet", owner: "Dana Weiss", status: "active", x: 0, y: 0 }, origin),
    createInitiative(editor.doc, { title: "Data platform", modelId: "platform-service", owner: "Sam Lee", status: "idea", x: 300, y: 0 }, origin),
    createInitiative(editor.doc, { title: "AI <script>alert(1)</script> & partners", modelId: null, owner: "Ops & Co", status: "idea", x: 0, y: 200 }, origin),
  ];
  await waitForStored(board, editor);
  return { board, editor, ids };
}

/** Waits until the live room holds everything the editor wrote and has stored it. */
async function waitForStored(board: CreatedBoard, editor: TestClient): Promise<void> {
  const wanted = Buffer.from(Y.encodeStateVector(editor.doc)).toString("base64");
  await waitFor(() => {
    const room = server.registry.loaded(board.id);
    return room !== undefined && Buffer.from(Y.encodeStateVector(room.doc)).toString("base64") === wanted;
  }, 10_000, "the server to receive the editor's updates");
  await server.registry.loaded(board.id)?.whenFlushed();
}

async function exportOf(board: CreatedBoard, format: string): Promise<Response> {
  return api(`/api/boards/${board.id}/export?format=${format}`, { token: board.viewToken });
}

describe("snapshots", () => {
  it("are immutable: edits after the snapshot never change what it answers", async () => {
    const { board, editor, ids } = await boardWithInitiatives("Q3 portfolio");
    const created = await postJson(`/api/boards/${board.id}/snapshots`, {}, board.viewToken);
    expect(created.status).toBe(201);
    const snapshot = (await created.json()) as { id: string; url: string };
    // 16 random bytes in base64url: 22 characters, 128 bits.
    expect(snapshot.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(snapshot.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:\\d+/s/${snapshot.id}$`));

    const first = await api(`/api/snapshots/${snapshot.id}`);
    expect(first.status).toBe(200);
    expect(first.headers.get("referrer-policy")).toBe("no-referrer");
    const before = (await first.json()) as BoardContent;
    expect(before.meta.title).toBe("Q3 portfolio");
    expect(Object.values(before.initiatives).map((item) => item.title).sort()).toContain("Checkout redesign");

    setBoardTitle(editor.doc, "Q4 portfolio", origin);
    updateInitiative(editor.doc, ids[0] ?? "", { title: "Checkout v2", owner: "Someone else" }, origin);
    createInitiative(editor.doc, { title: "Added later", x: 600, y: 0 }, origin);
    await waitForStored(board, editor);
    const live = (await (await exportOf(board, "json")).json()) as BoardContent;
    expect(live.meta.title).toBe("Q4 portfolio");
    expect(Object.keys(live.initiatives)).toHaveLength(4);

    const again = (await (await api(`/api/snapshots/${snapshot.id}`)).json()) as BoardContent;
    expect(again).toEqual(before);
  });

  it("freeze a chosen version's state, not the current one", async () => {
    const { board, editor } = await boardWithInitiatives("Versioned");
    const seq = await server.storage.headSeq(board.id);
    await server.storage.createVersion({ id: "v-review-1", boardId: board.id, label: "Review", kind: "named", seq, createdAt: Date.now() - 60_000, createdBy: "Alice" });
    createInitiative(editor.doc, { title: "After the review", x: 900, y: 0 }, origin);
    await waitForStored(board, editor);

    const created = await postJson(`/api/boards/${board.id}/snapshots`, { versionId: "v-review-1" }, board.viewToken);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const content = (await (await api(`/api/snapshots/${id}`)).json()) as BoardContent;
    const titles = Object.values(content.initiatives).map((item) => item.title);
    expect(titles).toHaveLength(3);
    expect(titles).not.toContain("After the review");

    const unknown = await postJson(`/api/boards/${board.id}/snapshots`, { versionId: "v-missing" }, board.viewToken);
    expect(unknown.status).toBe(404);
  });

  it("need a token to create, and answer 404 for unknown ids", async () => {
    const board = await createBoard(server.url, { title: "Locked" });
    expect((await postJson(`/api/boards/${board.id}/snapshots`, {})).status).toBe(401);
    expect((await postJson(`/api/boards/${board.id}/snapshots`, { versionId: 5 }, board.viewToken)).status).toBe(400);
    const missing = await api("/api/snapshots/AAAAAAAAAAAAAAAAAAAAAA");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});

describe("export", () => {
  let board: CreatedBoard;
  beforeAll(async () => {
    ({ board } = await boardWithInitiatives("Growth & <Bets>"));
  });

  it("json holds the full content and round-trips through import", async () => {
    const response = await exportOf(board, "json");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="growth-bets-\d{4}-\d{2}-\d{2}\.json"/);
    const exported = (await response.json()) as BoardContent;
    expect(Object.keys(exported.models).length).toBeGreaterThanOrEqual(13);

    const imported = await postJson("/api/boards/import", exported);
    expect(imported.status).toBe(201);
    const created = (await imported.json()) as CreatedBoard;
    expect(created).toMatchObject({ title: "Growth & <Bets>" });
    expect(created.editUrl.endsWith(`/b/${created.id}#token=${created.editToken}`)).toBe(true);
    const again = (await (await exportOf(created, "json")).json()) as BoardContent;
    expect(again).toEqual(exported);
  });

  it("csv has one row per initiative with every field and model names resolved", async () => {
    const response = await exportOf(board, "csv");
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split("\r\n");
    const header = lines[0]?.split(",") ?? [];
    for (const column of ["id", "title", "modelId", "owner", "status", "x", "y", "model", "modelFamily"]) expect(header).toContain(column);
    expect(lines).toHaveLength(4);
    const checkout = lines.find((line) => line.includes("Checkout redesign")) ?? "";
    expect(checkout).toContain("Staged Venture Bet");
    expect(checkout).toContain("Dana Weiss");
  });

  it("svg is well-formed and escapes user text", async () => {
    const response = await exportOf(board, "svg");
    expect(response.headers.get("content-type")).toMatch(/^image\/svg\+xml/);
    expect(response.headers.get("content-security-policy")).toContain("sandbox");
    const svg = await response.text();
    assertWellFormedXml(svg);
    expect(svg).not.toContain("<script");
    expect(svg).toContain("&lt;script&gt;");
    expect(svg).toContain("Growth &amp; &lt;Bets&gt;");
    expect(svg).toContain("Checkout redesign");
  });

  it("png decodes with the size of the SVG picture at twice its scale", async () => {
    const response = await exportOf(board, "png");
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(response.headers.get("content-disposition")).toMatch(/\.png"/);
    const png = decodePng(Buffer.from(await response.arrayBuffer()));
    const content = (await (await exportOf(board, "json")).json()) as BoardContent;
    const svgBox = svgSize(exportSvg(content));
    expect({ width: png.width, height: png.height }).toEqual(exportPixelSize(svgBox));
    expect(png.width).toBe(Math.round(svgBox.width * 2));
    expect(png.raw.length).toBe(expectedRawLength(png));
  });

  it("markdown groups initiatives under their models", async () => {
    const response = await exportOf(board, "md");
    expect(response.headers.get("content-type")).toMatch(/^text\/markdown/);
    const markdown = await response.text();
    expect(markdown).toMatch(/Staged Venture Bet[\s\S]*Checkout redesign/);
  });

  it("needs a token and a known format", async () => {
    expect((await api(`/api/boards/${board.id}/export?format=json`)).status).toBe(401);
    const bad = await exportOf(board, "pdf");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^format:/);
  });
});

describe("import", () => {
  it("refuses invalid JSON content with a 400 naming the field path", async () => {
    const content = { meta: { title: "Broken" }, initiatives: { a: { title: "A", x: "left", y: 0 } } };
    const response = await postJson("/api/boards/import", content);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("validation_failed");
    expect(error.message).toMatch(/^initiatives\.a\.x: /);
    const notJson = await api("/api/boards/import", { method: "POST", body: "{nope" });
    expect(notJson.status).toBe(400);
  });

  const csv = [
    "title,model,owner,status,horizon",
    "Checkout redesign,Staged Venture Bet,Dana Weiss,active,H1",
    "Mystery,Not A Model,Sam,idea,H2",
    ",Capital Project,Lee,idea,H9",
    "Data platform,platform-service,Sam Lee,idea,H2",
  ].join("\n");

  it("previews a CSV with per-row errors naming row and field", async () => {
    const response = await api("/api/boards/import?format=csv&preview=1", { method: "POST", body: csv, headers: { "content-type": "text/csv" } });
    expect(response.status).toBe(200);
    const preview = (await response.json()) as { initiatives: { title: string }[]; errors: { row: number; field: string; message: string }[] };
    expect(preview.initiatives.map((item) => item.title)).toEqual(["Checkout redesign", "Data platform"]);
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, field: "model" }),
        expect.objectContaining({ row: 4, field: "title" }),
        expect.objectContaining({ row: 4, field: "horizon" }),
      ]),
    );
  });

  it("creates a board from a CSV only when asked to skip invalid rows, or when there are none", async () => {
    const refused = await api("/api/boards/import?format=csv", { method: "POST", body: csv });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { error: { message: string }; errors: unknown[] };
    expect(body.error.message).toMatch(/^row 3, model: /);
    expect(body.errors).toHaveLength(3);

    const created = await api("/api/boards/import?format=csv&skipInvalid=1&title=From%20a%20sheet", { method: "POST", body: csv });
    expect(created.status).toBe(201);
    const board = (await created.json()) as CreatedBoard;
    expect(board.title).toBe("From a sheet");
    const content = (await (await exportOf(board, "json")).json()) as BoardContent;
    const checkout = Object.values(content.initiatives).find((item) => item.title === "Checkout redesign");
    expect(checkout).toMatchObject({ modelId: "staged-venture-bet", owner: "Dana Weiss", status: "active", horizon: "H1" });
    expect(Object.keys(content.models)).toContain("capital-project");
  });
});

describe("safety", () => {
  it("rate-limits snapshot lookups per client with 429 and the error JSON", async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 40 && !limited; attempt++) {
      const response = await api("/api/snapshots/BBBBBBBBBBBBBBBBBBBBBB");
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.arrayBuffer();
    }
    expect(statuses[0]).toBe(404);
    expect(limited?.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(((await limited?.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
  });

  it("refuses a websocket from a foreign Origin and accepts its own", async () => {
    const board = await createBoard(server.url, { title: "Origins" });
    const attempt = (originHeader: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`${server.wsBase}/${board.id}?token=${board.viewToken}`, { headers: { origin: originHeader } });
        socket.once("open", () => {
          socket.close();
          resolve(101);
        });
        socket.once("unexpected-response", (_request, response) => resolve(response.statusCode ?? 0));
        socket.once("error", () => resolve(-1));
      });
    expect(await attempt("https://evil.example")).toBe(403);
    expect(await attempt(`http://localhost:${server.port}`)).toBe(403);
    expect(await attempt(server.url)).toBe(101);
  });
});

describe("logs", () => {
  it("never contain a token, whether it travels in the query, a header or a websocket URL", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const dataDir = tempDir();
    const config = parseConfig({ PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir.dir });
    const logged = await startServer({ config, ui: "off", logger: pino({ level: "trace" }, sink) });
    const wsBase = `ws://127.0.0.1:${logged.port}/collab`;
    try {
      const board = await createBoard(logged.url, { title: "Logged" });
      await fetch(`${logged.url}/api/boards/${board.id}?token=${board.viewToken}`);
      await fetch(`${logged.url}/api/boards/${board.id}/export?format=json`, { headers: { authorization: `Bearer ${board.editToken}` } });
      await fetch(`${logged.url}/api/boards/${board.id}/snapshots?token=${board.editToken}`, { method: "POST" });
      const client = connectClient(wsBase, board.id, board.editToken, "Logger");
      await waitForSync(client);
      client.destroy();
      await waitFor(() => lines.some((line) => line.includes(`/api/boards/${board.id}/snapshots`)), 5_000, "request logs");
      const output = lines.join("");
      expect(output).toContain(`/api/boards/${board.id}`);
      expect(output).not.toContain(board.editToken);
      expect(output).not.toContain(board.viewToken);
    } finally {
      await logged.close();
      dataDir.remove();
    }
  });
});
