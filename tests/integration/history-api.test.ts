import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assignModel, createInitiative, updateInitiative } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { readBoard } from "../../lib/board/schema";
import type { BoardContent } from "../../lib/board/types";
import {
  connectClient,
  createBoard,
  startTestServer,
  waitFor,
  waitForSync,
  type CreatedBoard,
  type TestClient,
  type TestServer,
} from "../helpers/server";

let server: TestServer;
const clients: TestClient[] = [];

function client(board: CreatedBoard, name: string, token = board.editToken): TestClient {
  const created = connectClient(server.wsBase, board.id, token, name);
  clients.push(created);
  return created;
}

async function api(path: string, token: string | null, init: RequestInit & { userName?: string } = {}): Promise<Response> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.userName) headers["x-user-name"] = encodeURIComponent(init.userName);
  return fetch(`${server.url}${path}`, { ...init, headers });
}

async function json<T>(response: Response, status: number): Promise<T> {
  const text = await response.text();
  expect(response.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function saveVersion(board: CreatedBoard, label: string, userName = "Ana"): Promise<{ id: string; label: string; kind: string; createdBy: string; createdAt: string }> {
  return json(await api(`/api/boards/${board.id}/versions`, board.editToken, { method: "POST", body: JSON.stringify({ label }), userName }), 201);
}

async function storedUpTo(board: CreatedBoard, seq: number): Promise<void> {
  await waitFor(async () => (await server.storage.headSeq(board.id)) >= seq, 10_000, `seq ${seq}`);
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe("history API", () => {
  it("saves named versions and lists them newest first with ISO times", async () => {
    const board = await createBoard(server.url, { title: "Versions" });
    const first = await saveVersion(board, "Q3 planning", "Ana Lima");
    const second = await saveVersion(board, "After review", "Ben");
    expect(first).toMatchObject({ label: "Q3 planning", kind: "named", createdBy: "Ana Lima" });
    expect(new Date(first.createdAt).toISOString()).toBe(first.createdAt);
    const listed = await json<{ id: string }[]>(await api(`/api/boards/${board.id}/versions`, board.viewToken), 200);
    expect(listed.map((v) => v.id)).toEqual([second.id, first.id]);
  });

  it("reports changes between a version and now with the authors from the log", async () => {
    const board = await createBoard(server.url, { title: "Changes" });
    const ana = client(board, "Ana");
    await waitForSync(ana);
    const checkout = createInitiative(ana.doc, { title: "Checkout revamp", x: 0, y: 0, modelId: "capital-project" }, localUserOrigin("Ana"));
    await storedUpTo(board, 1);
    const before = await saveVersion(board, "Before the review");

    const ben = client(board, "Ben");
    await waitForSync(ben);
    await waitFor(() => ben.doc.getMap("initiatives").has(checkout));
    assignModel(ben.doc, checkout, "staged-venture-bet", "we only fund the next gate", localUserOrigin("Ben"));
    const added = createInitiative(ben.doc, { title: "Pricing pilot", x: 100, y: 0 }, localUserOrigin("Ben"));
    await storedUpTo(board, 3);

    const diff = await json<{
      from: string;
      added: { id: string; authors: string[] }[];
      changed: { id: string; kind: string; fields: Record<string, { from: unknown; to: unknown }>; authors: string[] }[];
      removed: unknown[];
      modelReassignments: { rationale: string | null }[];
    }>(await api(`/api/boards/${board.id}/changes?from=${before.id}`, board.viewToken), 200);
    expect(diff.from).toBe(before.id);
    expect(diff.added).toMatchObject([{ id: added, authors: ["Ben"] }]);
    expect(diff.removed).toEqual([]);
    expect(diff.changed).toHaveLength(1);
    expect(diff.changed[0]).toMatchObject({ id: checkout, kind: "initiative", authors: ["Ben"] });
    expect(diff.changed[0]?.fields.modelId).toEqual({ from: "capital-project", to: "staged-venture-bet" });
    expect(diff.modelReassignments[0]?.rationale).toBe("we only fund the next gate");

    const sinceCreation = await json<{ added: { id: string; authors: string[] }[] }>(
      await api(`/api/boards/${board.id}/changes?from=2000-01-01T00:00:00Z&to=${before.id}`, board.viewToken),
      200,
    );
    expect(sinceCreation.added).toMatchObject([{ id: checkout, authors: ["Ana"] }]);
  });

  it("restores a version as one new change that connected clients receive, and the restore can be undone", async () => {
    const board = await createBoard(server.url, { title: "Restore" });
    const ana = client(board, "Ana");
    const watcher = client(board, "Watcher", board.viewToken);
    await Promise.all([waitForSync(ana), waitForSync(watcher)]);
    const kept = createInitiative(ana.doc, { title: "Kept", x: 0, y: 0, owner: "Ana" }, localUserOrigin("Ana"));
    await storedUpTo(board, 1);
    const version = await saveVersion(board, "Clean");
    const target = readBoard(ana.doc);
    updateInitiative(ana.doc, kept, { owner: "Ben", status: "paused" }, localUserOrigin("Ana"));
    createInitiative(ana.doc, { title: "Extra", x: 50, y: 50 }, localUserOrigin("Ana"));
    await storedUpTo(board, 3);
    const changed = readBoard(ana.doc);

    const headBefore = await server.storage.headSeq(board.id);
    const result = await json<{ seq: number; undoVersionId: string }>(
      await api(`/api/boards/${board.id}/restore`, board.editToken, { method: "POST", body: JSON.stringify({ versionId: version.id }), userName: "Cy" }),
      200,
    );
    expect(result.seq).toBe(headBefore + 1);
    await waitFor(() => JSON.stringify(readBoard(watcher.doc)) === JSON.stringify(target), 10_000, "restore at the watcher");
    expect(readBoard(ana.doc)).toEqual(target);
    const log = await server.storage.readUpdates(board.id, headBefore);
    expect(log.map((u) => u.author)).toEqual(["restore by Cy"]);

    await json(await api(`/api/boards/${board.id}/restore`, board.editToken, { method: "POST", body: JSON.stringify({ versionId: result.undoVersionId }) }), 200);
    await waitFor(() => JSON.stringify(readBoard(watcher.doc)) === JSON.stringify(changed), 10_000, "undo at the watcher");
  });

  it("restores a single initiative and leaves the rest of the board alone", async () => {
    const board = await createBoard(server.url, { title: "One card" });
    const ana = client(board, "Ana");
    await waitForSync(ana);
    const one = createInitiative(ana.doc, { title: "One", x: 0, y: 0, owner: "Ana" }, localUserOrigin("Ana"));
    const two = createInitiative(ana.doc, { title: "Two", x: 0, y: 0, owner: "Ana" }, localUserOrigin("Ana"));
    await storedUpTo(board, 2);
    const version = await saveVersion(board, "Both by Ana");
    updateInitiative(ana.doc, one, { owner: "Ben" }, localUserOrigin("Ana"));
    updateInitiative(ana.doc, two, { owner: "Ben" }, localUserOrigin("Ana"));
    await storedUpTo(board, 4);
    await json(await api(`/api/boards/${board.id}/restore`, board.editToken, { method: "POST", body: JSON.stringify({ versionId: version.id, initiativeId: one }) }), 200);
    await waitFor(() => readBoard(ana.doc).initiatives[one]?.owner === "Ana");
    expect(readBoard(ana.doc).initiatives[two]?.owner).toBe("Ben");
    const missing = await api(`/api/boards/${board.id}/restore`, board.editToken, { method: "POST", body: JSON.stringify({ versionId: version.id, initiativeId: "ini-nowhere" }) });
    expect(missing.status).toBe(404);
  });

  it("serves the state at a version, the timeline and an initiative's own history", async () => {
    const board = await createBoard(server.url, { title: "Timeline" });
    const ana = client(board, "Ana");
    await waitForSync(ana);
    const card = createInitiative(ana.doc, { title: "Checkout revamp", x: 0, y: 0, modelId: "capital-project", owner: "Ana" }, localUserOrigin("Ana"));
    await storedUpTo(board, 1);
    const version = await saveVersion(board, "Start");
    const ben = client(board, "Ben");
    await waitForSync(ben);
    assignModel(ben.doc, card, "staged-venture-bet", "we only fund the next gate", localUserOrigin("Ben"));
    updateInitiative(ben.doc, card, { status: "at-risk", confidence: 2 }, localUserOrigin("Ben"));
    await storedUpTo(board, 3);

    const state = await json<BoardContent>(await api(`/api/boards/${board.id}/state?at=${version.id}`, board.viewToken), 200);
    expect(state.initiatives[card]?.modelId).toBe("capital-project");

    const timeline = await json<{ groups: { author: string; lines: string[] }[] }>(await api(`/api/boards/${board.id}/timeline?limit=10`, board.viewToken), 200);
    const lines = timeline.groups.flatMap((group) => group.lines);
    expect(lines.some((line) => line.startsWith("Ben re-modelled") && line.includes("Staged Venture Bet") && line.includes("we only fund the next gate"))).toBe(true);

    const history = await json<{ field: string; from: unknown; to: unknown; author: string; rationale?: string | null; toLabel?: string | null }[]>(
      await api(`/api/boards/${board.id}/initiatives/${card}/history`, board.viewToken),
      200,
    );
    expect(history.map((entry) => entry.field)).toEqual(["confidence", "status", "modelId", "created"]);
    expect(history[3]).toMatchObject({ author: "Ana", to: "Checkout revamp" });
    expect(history[2]).toMatchObject({ from: "capital-project", to: "staged-venture-bet", author: "Ben", rationale: "we only fund the next gate", toLabel: "Staged Venture Bet" });
  });

  it("answers 400 naming the parameter, 401 without a token, 403 for a view token, 404 for unknown things", async () => {
    const board = await createBoard(server.url);
    const bad = await json<{ error: { code: string; message: string } }>(await api(`/api/boards/${board.id}/changes?from=yesterday`, board.viewToken), 400);
    expect(bad.error.message).toMatch(/^from:/);
    const badTo = await json<{ error: { message: string } }>(await api(`/api/boards/${board.id}/changes?from=2020-01-01&to=2020-13-45`, board.viewToken), 400);
    expect(badTo.error.message).toMatch(/^to:/);
    expect((await api(`/api/boards/${board.id}/changes`, board.viewToken)).status).toBe(400);
    expect((await api(`/api/boards/${board.id}/versions`, board.editToken, { method: "POST", body: JSON.stringify({ label: "" }) })).status).toBe(400);
    expect((await api(`/api/boards/${board.id}/versions`, null)).status).toBe(401);
    expect((await api(`/api/boards/${board.id}/versions`, board.viewToken, { method: "POST", body: JSON.stringify({ label: "x" }) })).status).toBe(403);
    expect((await api(`/api/boards/${board.id}/restore`, board.viewToken, { method: "POST", body: JSON.stringify({ versionId: "x" }) })).status).toBe(403);
    expect((await api(`/api/boards/${board.id}/restore`, board.editToken, { method: "POST", body: JSON.stringify({ versionId: "AAAAAAAAAAAAAAAAAAAAAA" }) })).status).toBe(404);
    expect((await api(`/api/boards/AAAAAAAAAAAAAAAAAAAAAA/versions`, board.viewToken)).status).toBe(404);
    expect((await api(`/api/boards/${board.id}/initiatives/ini-none/history`, board.viewToken)).status).toBe(404);
  });
});
