import { afterAll, describe, expect, it } from "vitest";
import { createInitiative, moveInitiative } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { readBoard } from "../../lib/board/schema";
import { connectClient, createBoard, startTestServer, waitFor, waitForSync, type TestClient, type TestServer } from "../helpers/server";

/**
 * A client that drops off a 1,000-card board and comes back resyncs by state vectors: it
 * receives what it missed and the board matches. The time is printed as a figure, not asserted.
 */

const CARDS = 1000;
const clients: TestClient[] = [];
let server: TestServer | null = null;

afterAll(async () => {
  for (const client of clients) client.destroy();
  await server?.close();
});

describe("resync after reconnect", () => {
  it("a reconnecting client catches up on a 1,000-card board and matches it", async () => {
    server = await startTestServer();
    const board = await createBoard(server.url);
    const origin = localUserOrigin("writer");
    const writer = connectClient(server.wsBase, board.id, board.editToken, "writer");
    const reader = connectClient(server.wsBase, board.id, board.editToken, "reader");
    clients.push(writer, reader);
    await Promise.all([waitForSync(writer), waitForSync(reader)]);
    const ids: string[] = [];
    writer.doc.transact(() => {
      for (let index = 0; index < CARDS; index++) ids.push(createInitiative(writer.doc, { title: `Card ${index}`, x: index * 10, y: 0 }, origin));
    }, origin);
    await waitFor(() => reader.doc.getMap("initiatives").size === CARDS, 30_000, "reader has every card");

    reader.provider.disconnect();
    ids.slice(0, 100).forEach((id, index) => moveInitiative(writer.doc, id, index, 500, origin));
    await waitFor(() => readBoard(writer.doc).initiatives[ids[99] ?? ""]?.y === 500, 10_000, "writer moved");
    await new Promise((resolve) => setTimeout(resolve, 300));

    const started = performance.now();
    reader.provider.connect();
    await waitFor(() => reader.provider.synced && readBoard(reader.doc).initiatives[ids[99] ?? ""]?.y === 500, 30_000, "reader caught up");
    console.log(`reconnecting client resynced a ${CARDS}-card board (100 missed moves) in ${(performance.now() - started).toFixed(0)} ms`);
    expect(readBoard(reader.doc)).toEqual(readBoard(writer.doc));

    const cold = connectClient(server.wsBase, board.id, board.editToken, "cold");
    clients.push(cold);
    const coldStarted = performance.now();
    await waitForSync(cold, 30_000);
    console.log(`a new client synced the ${CARDS}-card board from nothing in ${(performance.now() - coldStarted).toFixed(0)} ms`);
    expect(readBoard(cold.doc)).toEqual(readBoard(writer.doc));
  });
});
