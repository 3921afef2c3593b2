import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBoard } from "../../lib/board/schema";
import { CloseCode } from "../../server/collab/closeCodes";
import { encodeSyncStep1, encodeSyncUpdate } from "../../server/collab/protocol";
import {
  connectClient,
  createBoard,
  sleep,
  startTestServer,
  tempDir,
  waitFor,
  waitForSync,
  type TestClient,
  type TestServer,
} from "../helpers/server";

let server: TestServer;
const clients: TestClient[] = [];

function client(boardId: string, token: string, name = "tester"): TestClient {
  const created = connectClient(server.wsBase, boardId, token, name);
  clients.push(created);
  return created;
}

/** A raw socket, for frames the stock client would never send. */
function rawSocket(boardId: string, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsBase}/${boardId}?token=${token}`);
    socket.binaryType = "nodebuffer";
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

function closeCodeOf(socket: WebSocket): Promise<number> {
  return new Promise((resolve) => socket.once("close", (code) => resolve(code)));
}

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.close();
});

describe("collaboration websocket", () => {
  it("S4: two stock clients converge on concurrent edits", async () => {
    const board = await createBoard(server.url);
    const a = client(board.id, board.editToken, "Ana");
    const b = client(board.id, board.editToken, "Ben");
    await Promise.all([waitForSync(a), waitForSync(b)]);
    a.doc.getMap("initiatives").set("i1", new Y.Map([["owner", "Ana"]]));
    b.doc.getMap("initiatives").set("i2", new Y.Map([["owner", "Ben"]]));
    await waitFor(() => a.doc.getMap("initiatives").size === 2 && b.doc.getMap("initiatives").size === 2);
    expect(readBoard(a.doc)).toEqual(readBoard(b.doc));
  });

  it("S2/S10: a late joiner receives the full state, including the default model library", async () => {
    const board = await createBoard(server.url, { title: "Late" });
    const a = client(board.id, board.editToken);
    await waitForSync(a);
    a.doc.getMap("notes").set("n1", new Y.Map([["color", "#fde68a"]]));
    await waitFor(async () => (await server.storage.headSeq(board.id)) >= 1);
    const late = client(board.id, board.viewToken);
    await waitForSync(late);
    expect(late.doc.getMap("notes").has("n1")).toBe(true);
    expect(late.doc.getMap("models").size).toBe(13);
    expect(late.doc.getMap("meta").get("title")).toBe("Late");
  });

  it("S6: a view connection's update is neither applied, stored nor relayed, while its awareness is", async () => {
    const board = await createBoard(server.url);
    const editor = client(board.id, board.editToken, "Editor");
    const viewer = client(board.id, board.viewToken, "Viewer");
    await Promise.all([waitForSync(editor), waitForSync(viewer)]);
    const headBefore = await server.storage.headSeq(board.id);
    viewer.doc.getMap("initiatives").set("from-viewer", new Y.Map());
    viewer.provider.awareness.setLocalStateField("cursor", { x: 10, y: 20 });
    await waitFor(() => [...editor.provider.awareness.getStates().values()].some((s) => s.cursor?.x === 10), 5000, "viewer presence");
    await sleep(300);
    expect(editor.doc.getMap("initiatives").has("from-viewer")).toBe(false);
    expect(await server.storage.headSeq(board.id)).toBe(headBefore);
    expect(server.registry.loaded(board.id)?.doc.getMap("initiatives").has("from-viewer")).toBe(false);
  });

  it("S6: a view connection's update sent during the handshake, before any sync, is dropped", async () => {
    const board = await createBoard(server.url);
    const source = new Y.Doc();
    source.getMap("initiatives").set("sneaky", new Y.Map());
    const socket = await rawSocket(board.id, board.viewToken);
    socket.send(encodeSyncUpdate(Y.encodeStateAsUpdate(source)));
    socket.send(encodeSyncStep1(new Uint8Array([0])));
    await sleep(300);
    socket.close();
    const observer = client(board.id, board.editToken);
    await waitForSync(observer);
    expect(observer.doc.getMap("initiatives").has("sneaky")).toBe(false);
    expect(await server.storage.headSeq(board.id)).toBe(0);
  });

  it("S9: a dropped socket's presence disappears for the others at once", async () => {
    const board = await createBoard(server.url);
    const stays = client(board.id, board.editToken, "Stays");
    const leaves = client(board.id, board.editToken, "Leaves");
    await Promise.all([waitForSync(stays), waitForSync(leaves)]);
    const leavingId = leaves.doc.clientID;
    await waitFor(() => stays.provider.awareness.getStates().has(leavingId), 5000, "presence");
    leaves.provider.ws?.close();
    leaves.provider.disconnect();
    await waitFor(() => !stays.provider.awareness.getStates().has(leavingId), 2000, "presence removal");
    expect(stays.provider.awareness.getStates().has(leavingId)).toBe(false);
  });

  it("S8: awareness is echoed to its sender, so idle clients keep receiving messages", async () => {
    const board = await createBoard(server.url);
    const socket = await rawSocket(board.id, board.editToken);
    const frames: Buffer[] = [];
    socket.on("message", (data: Buffer) => frames.push(data));
    const awareness = encoding.createEncoder();
    encoding.writeVarUint(awareness, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, 4242);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, JSON.stringify({ user: { name: "Solo", color: "#000" } }));
    encoding.writeVarUint8Array(awareness, encoding.toUint8Array(inner));
    socket.send(encoding.toUint8Array(awareness));
    await waitFor(() => frames.some((f) => f[0] === 1 && f.includes(Buffer.from("Solo"))), 3000, "echo");
    socket.close();
  });

  it("S14: a message over the size limit closes only that connection", async () => {
    const small = await startTestServer({ env: { MAX_MESSAGE_BYTES: "4096" } });
    try {
      const board = await createBoard(small.url);
      const bystander = connectClient(small.wsBase, board.id, board.editToken, "Bystander");
      await waitForSync(bystander);
      const socket = await new Promise<WebSocket>((resolve, reject) => {
        const s = new WebSocket(`${small.wsBase}/${board.id}?token=${board.editToken}`);
        s.once("open", () => resolve(s));
        s.once("error", reject);
      });
      const closed = closeCodeOf(socket);
      socket.send(new Uint8Array(4097));
      expect(await closed).toBe(CloseCode.FrameTooLarge);
      const exact = await new Promise<WebSocket>((resolve, reject) => {
        const s = new WebSocket(`${small.wsBase}/${board.id}?token=${board.editToken}`);
        s.once("open", () => resolve(s));
        s.once("error", reject);
      });
      const atLimit = new Uint8Array(4096);
      atLimit[0] = 3; // query-awareness: harmless, exactly at the limit
      exact.send(atLimit);
      await sleep(200);
      expect(exact.readyState).toBe(WebSocket.OPEN);
      exact.close();
      bystander.doc.getMap("notes").set("still-works", new Y.Map());
      await waitFor(async () => (await small.storage.headSeq(board.id)) >= 1, 5000, "bystander write");
      expect(bystander.provider.wsconnected).toBe(true);
      bystander.destroy();
    } finally {
      await small.close();
    }
  });

  it("S14: malformed frames close the sender with MalformedMessage", async () => {
    const board = await createBoard(server.url);
    for (const frame of [new Uint8Array([9]), new Uint8Array([0, 7, 1, 2]), new Uint8Array([0, 2, 5, 1, 2, 3, 4, 5]), new Uint8Array([0, 0, 0xff, 0xff, 0xff, 0xff, 0x7f])]) {
      const socket = await rawSocket(board.id, board.editToken);
      const closed = closeCodeOf(socket);
      socket.send(frame);
      expect(await closed).toBe(CloseCode.MalformedMessage);
    }
  });

  it("S14: 1,000 random and mutated frames leave the process alive and a bystander room in sync", async () => {
    const target = await createBoard(server.url);
    const bystanderBoard = await createBoard(server.url);
    const writer = client(bystanderBoard.id, bystanderBoard.editToken, "W");
    const reader = client(bystanderBoard.id, bystanderBoard.editToken, "R");
    await Promise.all([waitForSync(writer), waitForSync(reader)]);
    const valid = new Y.Doc();
    valid.getMap("initiatives").set("x", new Y.Map([["owner", "seed"]]));
    const seedFrames = [encodeSyncUpdate(Y.encodeStateAsUpdate(valid)), encodeSyncStep1(Y.encodeStateVector(valid))];
    let random = 12345;
    const next = () => {
      random = (random * 1103515245 + 12345) & 0x7fffffff;
      return random;
    };
    let socket = await rawSocket(target.id, target.editToken);
    for (let i = 0; i < 1000; i++) {
      let frame: Uint8Array;
      if (i % 2 === 0) {
        frame = new Uint8Array(1 + (next() % 64)).map(() => next() & 0xff);
      } else {
        frame = Uint8Array.from(seedFrames[i % seedFrames.length]!);
        for (let flips = 0; flips < 1 + (next() % 4); flips++) frame[next() % frame.length] = next() & 0xff;
      }
      if (socket.readyState !== WebSocket.OPEN) socket = await rawSocket(target.id, target.editToken);
      socket.send(frame);
      if (i % 50 === 0) {
        writer.doc.getMap("notes").set(`n${i}`, new Y.Map([["color", "#fff"]]));
        await sleep(5);
      }
    }
    socket.close();
    await waitFor(() => reader.doc.getMap("notes").size === 20, 10_000, "bystander updates");
    expect(readBoard(reader.doc)).toEqual(readBoard(writer.doc));
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it("S12: rotating a token closes its open connections with TokenRevoked and refuses the old token", async () => {
    const board = await createBoard(server.url);
    const viewer = client(board.id, board.viewToken);
    const editor = client(board.id, board.editToken);
    await Promise.all([waitForSync(viewer), waitForSync(editor)]);
    const response = await fetch(`${server.url}/api/boards/${board.id}/tokens/rotate`, {
      method: "POST",
      headers: { authorization: `Bearer ${board.editToken}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "view" }),
    });
    expect(response.status).toBe(200);
    const rotated = (await response.json()) as { token: string; url: string };
    expect(rotated.url).toContain(rotated.token);
    await waitFor(() => viewer.closes.length > 0, 3000, "viewer closed");
    expect(viewer.closes[0]?.code).toBe(CloseCode.TokenRevoked);
    expect(editor.provider.wsconnected).toBe(true);
    const old = await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${board.viewToken}` } });
    expect(old.status).toBe(401);
    const fresh = await fetch(`${server.url}/api/boards/${board.id}`, { headers: { authorization: `Bearer ${rotated.token}` } });
    expect(fresh.status).toBe(200);
  });
});

describe("memory metrics", () => {
  function structsOf(doc: Y.Doc): number {
    let count = 0;
    for (const structs of doc.store.clients.values()) count += structs.length;
    return count;
  }

  async function metric(url: string, name: string): Promise<number> {
    const text = await (await fetch(`${url}/metrics`)).text();
    const match = new RegExp(`^${name} (\\S+)$`, "m").exec(text);
    if (!match) throw new Error(`${name} is missing from /metrics`);
    return Number(match[1]);
  }

  it("modelmap_document_structs counts the live documents' structs, and drops to 0 when the room unloads", async () => {
    const own = await startTestServer({ idleUnloadMs: 100 });
    try {
      const board = await createBoard(own.url, { title: "Structs" });
      const a = connectClient(own.wsBase, board.id, board.editToken);
      await waitForSync(a);
      const before = await metric(own.url, "modelmap_document_structs");
      // 50 writes to 50 keys: 50 structs, on the client and on the server.
      for (let i = 0; i < 50; i++) a.doc.getMap("soak").set(`k${i}`, i);
      await waitFor(async () => (await metric(own.url, "modelmap_document_structs")) === structsOf(a.doc), 10_000, "the server to hold the client's structs");
      expect(structsOf(a.doc) - before).toBeGreaterThanOrEqual(50);
      a.destroy();
      await waitFor(async () => (await metric(own.url, "modelmap_rooms_loaded")) === 0, 10_000, "the idle room to unload");
      expect(await metric(own.url, "modelmap_document_structs")).toBe(0);
    } finally {
      await own.close();
    }
  });
});

describe("durability", () => {
  it("S11: state survives a server restart on the same data directory", async () => {
    const { dir, remove } = tempDir();
    try {
      const first = await startTestServer({ dataDir: dir });
      const board = await createBoard(first.url, { title: "Survivor" });
      const a = connectClient(first.wsBase, board.id, board.editToken);
      await waitForSync(a);
      for (let i = 0; i < 30; i++) a.doc.getMap("notes").set(`n${i}`, new Y.Map([["x", i]]));
      await waitFor(async () => (await first.storage.headSeq(board.id)) >= 1);
      await sleep(100);
      const before = readBoard(a.doc);
      a.destroy();
      await first.close();
      const second = await startTestServer({ dataDir: dir });
      const b = connectClient(second.wsBase, board.id, board.viewToken);
      await waitForSync(b);
      expect(readBoard(b.doc)).toEqual(before);
      b.destroy();
      await second.close();
    } finally {
      remove();
    }
  });
});
