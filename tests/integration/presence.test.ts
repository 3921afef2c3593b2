import WebSocket from "ws";
import { afterEach, describe, expect, it } from "vitest";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createInitiative } from "../../lib/board/mutations";
import { localUserOrigin } from "../../lib/board/origins";
import { attachJitteredReconnect } from "../../lib/session/jitteredReconnect";
import { connectClient, createBoard, startTestServer, tempDir, waitFor, waitForSync, type TestClient, type TestServer } from "../helpers/server";

/**
 * Presence and reconnect behaviour the live session relies on (issue 4), against the real
 * server with the stock y-websocket client.
 */

const clients: TestClient[] = [];
const servers: TestServer[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.destroy();
  for (const server of servers.splice(0)) await server.close().catch(() => undefined);
});

function track(client: TestClient): TestClient {
  clients.push(client);
  return client;
}

/** A stock client whose reconnects follow the session's jittered schedule. */
function jitteredClient(wsBase: string, boardId: string, token: string, name: string): TestClient {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(wsBase, boardId, doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  provider.awareness.setLocalStateField("user", { name, color: "#2563eb" });
  const reconnect = attachJitteredReconnect(provider);
  return track({
    doc,
    provider,
    closes: [],
    destroy() {
      reconnect.destroy();
      provider.destroy();
      doc.destroy();
    },
  });
}

describe("presence", () => {
  it("S9: a dropped socket's cursor is removed for the others long before the 30 s awareness timeout", async () => {
    const server = await startTestServer();
    servers.push(server);
    const board = await createBoard(server.url);
    const ana = track(connectClient(server.wsBase, board.id, board.editToken, "Ana"));
    const ben = track(connectClient(server.wsBase, board.id, board.editToken, "Ben"));
    await Promise.all([waitForSync(ana), waitForSync(ben)]);
    ana.provider.awareness.setLocalStateField("cursor", { x: 120, y: 80 });
    ana.provider.awareness.setLocalStateField("selection", ["ini_1"]);
    const anaId = ana.doc.clientID;
    await waitFor(() => (ben.provider.awareness.getStates().get(anaId) as { cursor?: unknown } | undefined)?.cursor !== undefined, 5000, "Ana's cursor at Ben");

    // The tab dies without a goodbye: no awareness removal is sent, the socket just goes away.
    ana.provider.shouldConnect = false;
    (ana.provider.ws as unknown as WebSocket).terminate();
    const dropped = Date.now();
    await waitFor(() => !ben.provider.awareness.getStates().has(anaId), 5000, "Ana's presence removed at Ben");
    console.log(`presence of a dropped socket removed after ${Date.now() - dropped} ms`);
    expect(ben.provider.awareness.getStates().has(ben.doc.clientID)).toBe(true);
  });

  it("S7/S8: presence batches whose frames need each websocket length field reach stock clients whole", async () => {
    const server = await startTestServer();
    servers.push(server);
    const board = await createBoard(server.url);
    const people = ["Ana", "Ben", "Cy"].map((name) => track(connectClient(server.wsBase, board.id, board.editToken, name)));
    const observer = track(connectClient(server.wsBase, board.id, board.editToken, "Observer"));
    await Promise.all([...people, observer].map((client) => waitForSync(client)));
    // States of about 60 bytes, 2 KB and 60 KB: batches of them are framed with 7-, 16- and
    // 64-bit lengths (the last when the 60 KB state shares a batch with another one).
    const notes = ["", "b".repeat(2_000), "c".repeat(60_000)];
    for (let round = 0; round < 3; round++) {
      people.forEach((person, index) => person.provider.awareness.setLocalStateField("note", `${round}:${notes[index] ?? ""}`));
      await waitFor(
        () => people.every((person) => JSON.stringify(observer.provider.awareness.getStates().get(person.doc.clientID)) === JSON.stringify(person.provider.awareness.getLocalState())),
        5000,
        `round ${round} at the observer`,
      );
    }
    for (const client of [...people, observer]) expect(client.closes).toEqual([]);
  });

  it("50 clients reconnect with jitter after a server restart and converge, keeping edits made while it was down", async () => {
    const data = tempDir();
    const first = await startTestServer({ dataDir: data.dir });
    const port = first.port;
    const board = await createBoard(first.url);
    const origin = localUserOrigin("tester");
    const people = Array.from({ length: 50 }, (_, index) => jitteredClient(first.wsBase, board.id, board.editToken, `P${index}`));
    await Promise.all(people.map((client) => waitForSync(client, 30_000)));
    people.forEach((client, index) => createInitiative(client.doc, { title: `before ${index}`, x: index, y: 0 }, origin));
    await waitFor(() => people.every((client) => client.doc.getMap("initiatives").size === 50), 30_000, "first round everywhere");

    await first.close();
    await waitFor(() => people.every((client) => !client.provider.wsconnected), 10_000, "everyone disconnected");
    // Work continues while the server is down.
    people.forEach((client, index) => createInitiative(client.doc, { title: `during ${index}`, x: index, y: 100 }, origin));

    const restarted = await startTestServer({ dataDir: data.dir, env: { PORT: String(port) } });
    servers.push(restarted);
    const restartedAt = Date.now();
    await waitFor(() => people.every((client) => client.provider.synced), 60_000, "everyone resynced");
    await waitFor(() => people.every((client) => client.doc.getMap("initiatives").size === 100), 60_000, "every edit everywhere");
    console.log(`50 clients resynced ${Date.now() - restartedAt} ms after the restart`);

    // toEqual ignores key order, which differs between replicas that received updates in different orders.
    const reference = people[0]?.doc.getMap("initiatives").toJSON();
    for (const client of people) expect(client.doc.getMap("initiatives").toJSON()).toEqual(reference);
    const fresh = track(connectClient(restarted.wsBase, board.id, board.editToken, "late"));
    await waitForSync(fresh, 30_000);
    expect(fresh.doc.getMap("initiatives").toJSON()).toEqual(reference);
    data.remove();
  });
});
