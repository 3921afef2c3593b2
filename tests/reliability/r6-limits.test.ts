import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CloseCode } from "../../server/collab/closeCodes";
import { encodeAwareness, encodeSyncUpdate } from "../../server/collab/protocol";
import { MAX_AWARENESS_STATE_BYTES } from "../../server/collab/room";
import { SqliteStorage } from "../../server/storage/sqlite";
import { connectClient, createBoard, sleep, startTestServer, waitFor, waitForSync, type CreatedBoard, type TestServer } from "../helpers/server";
import { memoryTempDir, nextTurn, startCore } from "./core-harness";

/*
 * R6: limits at ±1 and floods. A frame of exactly MAX_MESSAGE_BYTES is served and one byte more
 * closes the socket (1009); a presence state of exactly 64 KiB is relayed and one more closes it
 * (4413); more than 600 frames or 4 × MAX_MESSAGE_BYTES in a second closes the sender (4429)
 * while the other connections carry on. A socket that stops reading is cut once the server holds
 * more than two of the largest messages for it, and the others still get every update.
 */

const LIMIT = 4096;
let small: TestServer;
let standard: TestServer;

beforeAll(async () => {
  [small, standard] = await Promise.all([startTestServer({ env: { MAX_MESSAGE_BYTES: String(LIMIT) } }), startTestServer()]);
});

afterAll(async () => {
  await Promise.all([small.close(), standard.close()]);
});

function openSocket(server: TestServer, board: CreatedBoard): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${server.wsBase}/${board.id}?token=${board.editToken}`);
    socket.once("open", () => resolve(socket));
    socket.once("error", reject);
  });
}

/** Close code within `ms`, or null when the socket stayed open. */
function closeCodeWithin(socket: WebSocket, ms: number): Promise<number | null> {
  return Promise.race([new Promise<number>((resolve) => socket.once("close", (code: number) => resolve(code))), sleep(ms).then(() => null)]);
}

/** A valid update frame of exactly `size` bytes (a note whose text is padded to fit). */
function updateFrameOfSize(size: number, key: string): Uint8Array {
  for (let padding = size; padding > 0; padding--) {
    const doc = new Y.Doc();
    // Client ids of one varint width (a random one varies the frame's size), one per frame.
    doc.clientID = 100_000 + size;
    doc.getMap("notes").set(key, "x".repeat(padding));
    const frame = encodeSyncUpdate(Y.encodeStateAsUpdate(doc));
    if (frame.byteLength === size) return frame;
    if (frame.byteLength < size) break;
  }
  throw new Error(`no update frame of exactly ${size} bytes`);
}

/** A presence frame whose state JSON is exactly `length` characters. */
function awarenessWithStateLength(length: number, clientId: number): Uint8Array {
  const shell = JSON.stringify({ user: { name: "Big" }, pad: "" });
  const stateJson = JSON.stringify({ user: { name: "Big" }, pad: "x".repeat(length - shell.length) });
  expect(stateJson.length).toBe(length);
  return encodeAwareness([{ clientId, clock: 1, stateJson }]);
}

describe("R6: limits and floods", () => {
  it("S14: update frames of MAX_MESSAGE_BYTES - 1 and exactly MAX are stored; MAX + 1 closes with 1009 and is not", async () => {
    const board = await createBoard(small.url);
    for (const [size, kept] of [
      [LIMIT - 1, true],
      [LIMIT, true],
      [LIMIT + 1, false],
    ] as const) {
      const socket = await openSocket(small, board);
      const headBefore = await small.storage.headSeq(board.id);
      socket.send(updateFrameOfSize(size, `k${size}`));
      const code = await closeCodeWithin(socket, 400);
      expect(code, `frame of ${size} bytes`).toBe(kept ? null : CloseCode.FrameTooLarge);
      expect(await small.storage.headSeq(board.id), `frame of ${size} bytes`).toBe(kept ? headBefore + 1 : headBefore);
      socket.close();
    }
  });

  it("S8: a presence state of exactly 64 KiB is relayed; one character more closes with 4413", async () => {
    const board = await createBoard(standard.url);
    const socket = await openSocket(standard, board);
    const echoed = new Promise<boolean>((resolve) => socket.on("message", (data: Buffer) => data[0] === 1 && data.includes(Buffer.from('"Big"')) && resolve(true)));
    socket.send(awarenessWithStateLength(MAX_AWARENESS_STATE_BYTES, 7001));
    expect(await Promise.race([echoed, sleep(3000).then(() => false)])).toBe(true);
    socket.send(awarenessWithStateLength(MAX_AWARENESS_STATE_BYTES + 1, 7001));
    expect(await closeCodeWithin(socket, 3000)).toBe(CloseCode.MessageTooLarge);
  });

  it("S15: 600 frames in a second are served; floods of frames, presence or bytes close the sender with 4429; a bystander carries on", async () => {
    const board = await createBoard(small.url);
    const writer = connectClient(small.wsBase, board.id, board.editToken, "Writer");
    const reader = connectClient(small.wsBase, board.id, board.viewToken, "Reader");
    await Promise.all([waitForSync(writer), waitForSync(reader)]);
    const padded = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i === 0 ? 3 : 0)); // query-awareness + padding
    const floods: { name: string; frames: Uint8Array[]; closed: boolean }[] = [
      { name: "600 frames", frames: Array.from({ length: 600 }, () => padded(1)), closed: false },
      { name: "1,200 frames", frames: Array.from({ length: 1200 }, () => padded(1)), closed: true },
      { name: "1,200 presence frames", frames: Array.from({ length: 1200 }, (_, i) => encodeAwareness([{ clientId: 9001, clock: i + 1, stateJson: `{"n":${i}}` }])), closed: true },
      { name: "4 × MAX bytes", frames: Array.from({ length: 4 }, () => padded(LIMIT)), closed: false },
      { name: "5 × MAX bytes", frames: Array.from({ length: 5 }, () => padded(LIMIT)), closed: true },
    ];
    for (const [index, flood] of floods.entries()) {
      const socket = await openSocket(small, board);
      for (const frame of flood.frames) socket.send(frame);
      writer.doc.getMap("notes").set(`during-${index}`, index);
      expect(await closeCodeWithin(socket, 700), flood.name).toBe(flood.closed ? CloseCode.Flooding : null);
      socket.close();
    }
    await waitFor(() => reader.doc.getMap("notes").size === floods.length, 5000, "bystander updates");
    expect(writer.closes).toEqual([]);
    expect(reader.closes).toEqual([]);
    writer.destroy();
    reader.destroy();
  });

  it("negative control: the same flood against the real core with the limit lifted is not closed, so the check can fail", async () => {
    const dir = memoryTempDir("modelmap-r6-");
    const storage = new SqliteStorage(dir.dir);
    await storage.init();
    const cores = { real: startCore(storage), lifted: startCore(storage, { floodLimits: { messagesPerSecond: Infinity, bytesPerSecond: Infinity } }) };
    try {
      const codes: Record<string, number | null> = {};
      for (const [name, core] of Object.entries(cores)) {
        const boardId = await core.newBoard(name);
        const link = core.connect(boardId, "edit");
        for (let i = 0; i < 1200; i++) {
          link.toServer.push(Uint8Array.of(3));
          link.deliverToServer(0);
        }
        await nextTurn();
        codes[name] = link.socket.closeCode;
      }
      expect(codes).toEqual({ real: CloseCode.Flooding, lifted: null });
    } finally {
      await cores.real.close();
      await cores.lifted.close();
      await storage.close();
      dir.remove();
    }
  });

  it("a client that stops reading is cut once its backlog passes two of the largest messages; a bystander gets every update", async () => {
    // Against a server holding at most that much (the default), and one that never cuts: the
    // same stalled reader must be cut by the first and left alone by the second.
    const lifted = await startTestServer({ maxBufferedBytes: Number.POSITIVE_INFINITY });
    try {
      const cut: Record<string, boolean> = {};
      for (const [name, server] of [
        ["default", standard],
        ["lifted", lifted],
      ] as const) {
        const board = await createBoard(server.url);
        const bystander = connectClient(server.wsBase, board.id, board.viewToken, "Bystander");
        await waitForSync(bystander);
        const stalled = await openSocket(server, board);
        // It reads nothing from now on: the kernel's buffers fill, then the server's.
        (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
        const writer = await openSocket(server, board);
        const before = await slowReaderCuts(server);
        // 40 updates of 1 MiB: past the loopback's socket buffers (a few MiB) and then past the
        // default limit (2 × 8 MiB) many times over, at a rate the flood limits allow.
        for (let i = 0; i < 40; i++) {
          writer.send(noteUpdateFrame(`big${i}`, 1024 * 1024, 200_000 + i));
          await sleep(40);
        }
        await waitFor(() => bystander.doc.getMap("notes").size === 40, 20_000, `${name}: bystander has every update`);
        cut[name] = (await slowReaderCuts(server)) > before;
        expect(bystander.closes, name).toEqual([]);
        expect(await server.storage.headSeq(board.id), name).toBeGreaterThanOrEqual(40);
        writer.close();
        stalled.terminate();
        bystander.destroy();
      }
      expect(cut).toEqual({ default: true, lifted: false });
    } finally {
      await lifted.close();
    }
  });
});

/** How many connections the server cut for not reading (its /metrics counter). */
async function slowReaderCuts(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^modelmap_connections_closed_total\{reason="slow-reader"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

/** An update frame adding one note of `bytes` characters, from a client of its own. */
function noteUpdateFrame(key: string, bytes: number, clientId: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  doc.getMap("notes").set(key, "x".repeat(bytes));
  return encodeSyncUpdate(Y.encodeStateAsUpdate(doc));
}
