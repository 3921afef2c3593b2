import { Socket } from "node:net";
import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { encodeSyncUpdate } from "../../server/collab/protocol";
import { connectClient, createBoard, startTestServer, waitFor, waitForSync, type TestClient, type TestServer } from "../helpers/server";

/**
 * The updates of one group commit are relayed to each socket in one write. Over real sockets:
 * every update still arrives as a frame of its own holding one message (S7), in the order its
 * writer sent it (S4), never echoed to its writer, and the stock client converges.
 */

let server: TestServer;
const sockets: WebSocket[] = [];
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  for (const client of clients) client.destroy();
  await server.close();
});

interface RawPeer {
  socket: WebSocket;
  /** The sync updates this socket received, one per frame, in arrival order. */
  updates: Buffer[];
}

/**
 * How many whole unmasked binary frames (what a server sends) `chunk` holds, 0 when it is
 * anything else (a client's frames are masked).
 */
function serverFrameCount(chunk: unknown): number {
  if (!Buffer.isBuffer(chunk)) return 0;
  let offset = 0;
  let count = 0;
  while (offset < chunk.length) {
    const second = chunk[offset + 1];
    if (chunk[offset] !== 0x82 || second === undefined || second & 0x80) return 0;
    const shortLength = second & 0x7f;
    let header = 2;
    let length = shortLength;
    if (shortLength === 126) {
      header = 4;
      length = chunk.readUInt16BE(offset + 2);
    } else if (shortLength === 127) {
      header = 10;
      length = Number(chunk.readBigUInt64BE(offset + 2));
    }
    offset += header + length;
    count += 1;
  }
  return offset === chunk.length ? count : 0;
}

/** A raw socket that records the sync updates (sync message type 2) it receives. */
async function rawPeer(boardId: string, token: string): Promise<RawPeer> {
  const socket = new WebSocket(`${server.wsBase}/${boardId}?token=${token}`);
  sockets.push(socket);
  socket.binaryType = "nodebuffer";
  const peer: RawPeer = { socket, updates: [] };
  socket.on("message", (data: Buffer) => {
    const decoder = decoding.createDecoder(data);
    if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) return;
    peer.updates.push(Buffer.from(decoding.readVarUint8Array(decoder)));
    expect(decoding.hasContent(decoder)).toBe(false);
  });
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  return peer;
}

/** `count` separate updates of a writer's own document. */
function writerUpdates(name: string, count: number): Buffer[] {
  const doc = new Y.Doc();
  const updates: Buffer[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(Buffer.from(update)));
  const item = new Y.Map<unknown>();
  doc.getMap("initiatives").set(`relay-${name}`, item);
  for (let index = 0; index < count - 1; index++) item.set("title", `${name} ${index}`);
  doc.destroy();
  return updates;
}

describe("relaying a group commit", () => {
  it("S4/S7: updates stored together reach every socket as frames of their own, in order, never echoed", async () => {
    const board = await createBoard(server.url);
    const [ana, ben, observer] = await Promise.all([
      rawPeer(board.id, board.editToken),
      rawPeer(board.id, board.editToken),
      rawPeer(board.id, board.editToken),
    ]);
    const stock = connectClient(server.wsBase, board.id, board.editToken, "Stock");
    clients.push(stock);
    await waitForSync(stock);

    const fromAna = writerUpdates("Ana", 40);
    const fromBen = writerUpdates("Ben", 40);
    // The server runs in this process: its socket writes are seen here.
    const writes = vi.spyOn(Socket.prototype, "write");
    // Sent in one burst, so the server reads many of them in one turn and commits them together.
    fromAna.forEach((update, index) => {
      ana.socket.send(encodeSyncUpdate(update));
      const benUpdate = fromBen[index];
      if (benUpdate) ben.socket.send(encodeSyncUpdate(benUpdate));
    });

    await waitFor(() => observer.updates.length === 80 && ana.updates.length === 40 && ben.updates.length === 40, 10_000, "every relay");
    const isFrom = (sent: Buffer[]) => (update: Buffer) => sent.some((candidate) => candidate.equals(update));
    expect(observer.updates.filter(isFrom(fromAna))).toEqual(fromAna);
    expect(observer.updates.filter(isFrom(fromBen))).toEqual(fromBen);
    expect(ana.updates).toEqual(fromBen);
    expect(ben.updates).toEqual(fromAna);
    // Some were stored together and so written together (the behaviour under test).
    const joinedWrites = writes.mock.calls.filter(([chunk]) => serverFrameCount(chunk) > 1).length;
    writes.mockRestore();
    expect(joinedWrites).toBeGreaterThan(0);

    const initiatives = stock.doc.getMap<Y.Map<unknown>>("initiatives");
    await waitFor(() => initiatives.get("relay-Ana")?.get("title") === "Ana 38" && initiatives.get("relay-Ben")?.get("title") === "Ben 38");

    // S3: a fresh joiner is answered from stored state, so it holds both writers' last edits.
    const late = connectClient(server.wsBase, board.id, board.editToken, "Late");
    clients.push(late);
    await waitForSync(late);
    const lateInitiatives = late.doc.getMap<Y.Map<unknown>>("initiatives");
    expect(lateInitiatives.get("relay-Ana")?.get("title")).toBe("Ana 38");
    expect(lateInitiatives.get("relay-Ben")?.get("title")).toBe("Ben 38");
  });
});
