import type { WebSocket } from "ws";
import * as decoding from "lib0/decoding";
import * as Y from "yjs";
import { afterEach, describe, expect, it } from "vitest";
import { readBoard } from "@/lib/board/schema";
import { createBoard } from "@/server/boards";
import { Connection } from "@/server/collab/connection";
import { GroupCommitter } from "@/server/collab/groupCommit";
import { RoomRegistry } from "@/server/collab/registry";
import { createLogger } from "@/server/logger";
import { ServerMetrics } from "@/server/metrics";
import { SqliteStorage } from "@/server/storage";
import { MemoryLink } from "../reliability/core-harness";
import { tempDir, waitFor } from "../helpers/server";

const EMPTY_STATE_VECTOR = new Uint8Array([0]);

/** The update inside a sync step 2 or sync update frame. */
function updateOf(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

function docFrom(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp() {
  const dir = tempDir("modelmap-dormancy-");
  const storage = new SqliteStorage(dir.dir);
  await storage.init();
  const registryOf = () =>
    new RoomRegistry({ storage, committer: new GroupCommitter(storage), metrics: new ServerMetrics(), logger: createLogger("silent"), dormantAfterMs: 30 });
  const registry = registryOf();
  cleanups.push(dir.remove, () => storage.close(), () => registry.closeAll());
  const boardId = (await createBoard(storage, "http://dormancy.invalid", { title: "Dormant", source: "template" })).id;
  const room = await registry.get(boardId);
  const connect = () => {
    const link = new MemoryLink();
    const connection = new Connection(link.socket as unknown as WebSocket, boardId, "edit");
    registry.attach(room, connection);
    return { link, connection };
  };
  return { storage, registry, registryOf, boardId, room, connect };
}

describe("dormant rooms keep only their encoded state", () => {
  it("S10: a dormant room answers an empty state vector from its encoding without decoding the document", async () => {
    const { room, connect } = await setUp();
    connect();
    const expected = readBoard(docFrom(Y.encodeStateAsUpdate(room.doc)));
    await waitFor(() => room.isDormant, 5_000, "the room to go dormant");
    const frame = await room.syncStep2Frame(EMPTY_STATE_VECTOR);
    expect(room.isDormant).toBe(true);
    expect(readBoard(docFrom(updateOf(frame)))).toEqual(expected);
    expect(room.syncStep1Frame().byteLength).toBeGreaterThan(2);
    expect(room.isDormant).toBe(true);
  });

  it("S2: a room loaded from a checkpoint alone starts dormant and its sync step 1 carries the real state vector", async () => {
    const { room } = await setUp();
    expect(room.isDormant).toBe(true);
    const advertised = updateOf(room.syncStep1Frame());
    expect(room.isDormant).toBe(true);
    expect(advertised).toEqual(Y.encodeStateVector(room.doc));
    expect(room.isDormant).toBe(false);
  });

  it("S4: an update to a dormant room is applied, stored and relayed; a checkpoint written while dormant holds it", async () => {
    const { room, connect, registryOf, boardId, storage } = await setUp();
    const writer = connect();
    const reader = connect();
    await waitFor(() => room.isDormant, 5_000, "the room to go dormant");

    const clientDoc = docFrom(updateOf(await room.syncStep2Frame(EMPTY_STATE_VECTOR)));
    const clientUpdates: Uint8Array[] = [];
    clientDoc.on("update", (update: Uint8Array) => clientUpdates.push(update));
    clientDoc.getMap("meta").set("title", "Woken up");
    const [clientUpdate] = clientUpdates;
    if (!clientUpdate) throw new Error("the client made no update");
    await room.receiveUpdate(writer.connection, clientUpdate);

    expect(room.isDormant).toBe(false);
    expect(room.doc.getMap("meta").get("title")).toBe("Woken up");
    const relayed = reader.link.toClient.map(updateOf);
    expect(relayed).toContainEqual(clientUpdate);

    await waitFor(() => room.isDormant, 5_000, "the room to go dormant again");
    await room.checkpoint();
    expect(room.isDormant).toBe(true);
    expect((await storage.latestCheckpoint(boardId))?.seq).toBe(room.storedSeq);
    const cold = registryOf();
    const reloaded = await cold.get(boardId);
    expect(reloaded.doc.getMap("meta").get("title")).toBe("Woken up");
    await cold.closeAll();
  });
});
