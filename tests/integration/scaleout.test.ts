import { afterEach, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { connectClient, createBoard, sleep, waitFor, waitForSync, type TestClient } from "../helpers/server";
import { requirePostgres, requireRedis } from "../helpers/services";
import { startCluster, TcpProxy, type Cluster } from "./scaleout-helpers";

/*
 * Several real server processes on one PostgreSQL schema and one Redis prefix (DESIGN.md
 * "Scale-out"), with stock y-websocket clients spread over them.
 */

let servicesReachable = false;
beforeAll(async () => {
  servicesReachable = (await requirePostgres()) && (await requireRedis());
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function cluster(label: string, processes: number): Promise<Cluster> {
  const started = await startCluster(label, processes);
  cleanups.push(() => started.stop());
  return started;
}

function client(wsBase: string, boardId: string, token: string, name: string): TestClient {
  const created = connectClient(wsBase, boardId, token, name);
  cleanups.push(() => created.destroy());
  return created;
}

function keysOf(doc: Y.Doc): string[] {
  return [...doc.getMap("stream").keys()].sort();
}

function sameContent(clients: TestClient[]): boolean {
  const first = clients[0];
  if (!first) return true;
  const keys = keysOf(first.doc).join(",");
  const text = first.doc.getText("notes").toString();
  return clients.every((c) => keysOf(c.doc).join(",") === keys && c.doc.getText("notes").toString() === text);
}

/** Writes `count` keys named `${prefix}-${i}` into the shared map, a few per tick. */
async function writeKeys(writer: TestClient, prefix: string, count: number, perTick = 5): Promise<void> {
  for (let i = 0; i < count; i += perTick) {
    writer.doc.transact(() => {
      for (let j = i; j < Math.min(count, i + perTick); j++) writer.doc.getMap("stream").set(`${prefix}-${j}`, j);
    });
    await sleep(2);
  }
}

describe("scale-out: several processes on PostgreSQL and Redis", { timeout: 300_000 }, () => {
  it("clients on three processes converge after concurrent edits, and a late joiner on each process gets the full state", async (context) => {
    if (!servicesReachable) return context.skip();
    const { servers, wsBase } = await cluster("converge", 3);
    const board = await createBoard(servers[0]!.url);
    const clients = servers.flatMap((server, s) =>
      [0, 1].map((c) => client(wsBase(server), board.id, board.editToken, `p${s}c${c}`)),
    );
    await Promise.all(clients.map((c) => waitForSync(c)));
    await Promise.all(
      clients.map(async (c, index) => {
        await writeKeys(c, `w${index}`, 60);
        c.doc.getText("notes").insert(0, `[${index}]`);
      }),
    );
    await waitFor(() => sameContent(clients) && keysOf(clients[0]!.doc).length === 360, 15_000, "all clients to converge");
    for (let index = 0; index < clients.length; index++) expect(clients[0]!.doc.getText("notes").toString()).toContain(`[${index}]`);

    const lateJoiners = servers.map((server, s) => client(wsBase(server), board.id, board.viewToken, `late${s}`));
    await Promise.all(lateJoiners.map((c) => waitForSync(c)));
    for (const late of lateJoiners) {
      expect(keysOf(late.doc)).toEqual(keysOf(clients[0]!.doc));
      expect(late.doc.getText("notes").toString()).toBe(clients[0]!.doc.getText("notes").toString());
    }
  });

  it("a process killed with SIGKILL mid-stream loses nothing any client saw; its clients continue on another process", async (context) => {
    if (!servicesReachable) return context.skip();
    const { servers, wsBase } = await cluster("kill", 3);
    const [victim, second, third] = servers as [(typeof servers)[0], (typeof servers)[0], (typeof servers)[0]];
    const board = await createBoard(second.url);
    // The victim's clients reach it through a proxy, as through a load balancer: when it dies,
    // the proxy sends their reconnects to the second process.
    const balancer = await TcpProxy.start(victim.port);
    cleanups.push(() => balancer.close());
    const balancedBase = `ws://127.0.0.1:${balancer.port}/collab`;
    const writers = [
      client(balancedBase, board.id, board.editToken, "victim-writer"),
      client(wsBase(second), board.id, board.editToken, "second-writer"),
      client(wsBase(third), board.id, board.editToken, "third-writer"),
    ];
    const observers = [
      client(balancedBase, board.id, board.viewToken, "victim-observer"),
      client(wsBase(second), board.id, board.viewToken, "second-observer"),
      client(wsBase(third), board.id, board.viewToken, "third-observer"),
    ];
    const everyone = [...writers, ...observers];
    await Promise.all(everyone.map((c) => waitForSync(c)));
    const seen = new Set<string>();
    for (const observer of everyone) {
      observer.doc.getMap("stream").observe((event) => {
        if (event.transaction.local) return;
        for (const key of event.keysChanged) seen.add(key);
      });
    }
    let stop = false;
    const pumps = writers.map(async (writer, index) => {
      for (let i = 0; !stop; i++) {
        writer.doc.getMap("stream").set(`w${index}-${i}`, i);
        await sleep(3);
      }
    });
    await sleep(700);
    victim.child.kill("SIGKILL");
    await victim.exited;
    balancer.targetPort = second.port;
    await sleep(700);
    stop = true;
    await Promise.all(pumps);

    expect(seen.size).toBeGreaterThan(10);
    await waitFor(() => sameContent(everyone), 15_000, "every client to converge after the kill");
    const fresh = client(wsBase(third), board.id, board.viewToken, "fresh");
    await waitForSync(fresh);
    const stored = fresh.doc.getMap("stream");
    expect([...seen].filter((key) => !stored.has(key))).toEqual([]);
    expect(keysOf(fresh.doc)).toEqual(keysOf(writers[0]!.doc));
  });

  it("after Redis is unreachable for 2 s mid-stream (and the stream trimmed meanwhile), every process converges within 5 s", async (context) => {
    if (!servicesReachable) return context.skip();
    const { servers, wsBase, redisProxy, trimStream } = await cluster("redis_cut", 3);
    const board = await createBoard(servers[0]!.url);
    const writers = servers.map((server, s) => client(wsBase(server), board.id, board.editToken, `writer${s}`));
    const observers = servers.map((server, s) => client(wsBase(server), board.id, board.viewToken, `observer${s}`));
    await Promise.all([...writers, ...observers].map((c) => waitForSync(c)));
    let stop = false;
    const written = new Set<string>();
    const pumps = writers.map(async (writer, index) => {
      for (let i = 0; !stop; i++) {
        writer.doc.getMap("stream").set(`w${index}-${i}`, i);
        written.add(`w${index}-${i}`);
        await sleep(5);
      }
    });
    await sleep(300);
    redisProxy.cut();
    await sleep(1000);
    // Entries the processes have not read yet disappear: they must come from PostgreSQL.
    await trimStream(board.id);
    await sleep(1000);
    redisProxy.restore();
    await sleep(300);
    stop = true;
    await Promise.all(pumps);

    // The requirement: converged within 5 s of the last write.
    await waitFor(() => observers.every((o) => o.doc.getMap("stream").size === written.size), 5_000, "every process to converge");
    expect(sameContent([...writers, ...observers])).toBe(true);
    const readyStatuses = () => Promise.all(servers.map(async (server) => (await fetch(`${server.url}/readyz`)).status));
    await waitFor(async () => (await readyStatuses()).every((status) => status === 200), 10_000, "every process to report ready again");
  });

  it("presence crosses processes", async (context) => {
    if (!servicesReachable) return context.skip();
    const { servers, wsBase } = await cluster("presence", 2);
    const board = await createBoard(servers[0]!.url);
    const watcher = client(wsBase(servers[1]!), board.id, board.viewToken, "Watcher");
    await waitForSync(watcher);
    const mover = client(wsBase(servers[0]!), board.id, board.editToken, "Mover");
    await waitForSync(mover);
    mover.provider.awareness.setLocalStateField("cursor", { x: 12, y: 34 });
    const stateOfMover = () =>
      watcher.provider.awareness.getStates().get(mover.doc.clientID) as { user?: { name?: string }; cursor?: { x: number } } | undefined;
    await waitFor(() => stateOfMover()?.cursor?.x === 12, 10_000, "the cursor to cross processes");
    expect(stateOfMover()?.user?.name).toBe("Mover");
  });

  it("S9 across processes: a closed socket's presence disappears on the other processes", async (context) => {
    if (!servicesReachable) return context.skip();
    const { servers, wsBase } = await cluster("presence_gone", 2);
    const board = await createBoard(servers[0]!.url);
    const watcher = client(wsBase(servers[1]!), board.id, board.viewToken, "Watcher");
    await waitForSync(watcher);
    const mover = client(wsBase(servers[0]!), board.id, board.editToken, "Mover");
    await waitForSync(mover);
    const moverId = mover.doc.clientID;
    await waitFor(() => watcher.provider.awareness.getStates().has(moverId), 10_000, "the presence to cross processes");
    mover.provider.destroy();
    await waitFor(() => !watcher.provider.awareness.getStates().has(moverId), 10_000, "the presence removal to cross processes");
  });

  it("a late joiner on another process sees presence that was set before its process loaded the board", async (context) => {
    if (!servicesReachable) return context.skip();
    const { servers, wsBase } = await cluster("presence_late", 2);
    const board = await createBoard(servers[0]!.url);
    const early = client(wsBase(servers[0]!), board.id, board.editToken, "Early");
    await waitForSync(early);
    early.provider.awareness.setLocalStateField("cursor", { x: 5, y: 6 });
    await sleep(100);
    const late = client(wsBase(servers[1]!), board.id, board.viewToken, "Late");
    await waitForSync(late);
    await waitFor(() => late.provider.awareness.getStates().has(early.doc.clientID), 10_000, "the earlier presence to arrive");
  });

  it("rotating a token on one process closes that role's connections on every process", async (context) => {
    if (!servicesReachable) return context.skip();
    const { servers, wsBase } = await cluster("rotate", 2);
    const board = await createBoard(servers[0]!.url);
    const viewer = client(wsBase(servers[1]!), board.id, board.viewToken, "Viewer");
    const editor = client(wsBase(servers[1]!), board.id, board.editToken, "Editor");
    await Promise.all([waitForSync(viewer), waitForSync(editor)]);
    const rotated = await fetch(`${servers[0]!.url}/api/boards/${board.id}/tokens/rotate`, {
      method: "POST",
      headers: { authorization: `Bearer ${board.editToken}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "view" }),
    });
    expect(rotated.status).toBe(200);
    await waitFor(() => viewer.closes.some((close) => close.code === 4401), 10_000, "the viewer on the other process to be closed");
    expect(editor.closes.some((close) => close.code === 4401)).toBe(false);
  });

  it("/readyz names Redis when it is unreachable, /metrics shows dependencies and streams, SIGTERM exits 0 with Redis up or away", async (context) => {
    if (!servicesReachable) return context.skip();
    const { servers, wsBase, redisProxy } = await cluster("ops", 2);
    const [first, second] = servers as [(typeof servers)[0], (typeof servers)[0]];
    const board = await createBoard(first.url);
    const writer = client(wsBase(first), board.id, board.editToken, "Writer");
    const reader = client(wsBase(second), board.id, board.viewToken, "Reader");
    await Promise.all([waitForSync(writer), waitForSync(reader)]);
    // Until the stream lag has been observed, updates may still arrive by the load's catch-up.
    for (let i = 0; !/modelmap_stream_lag_seconds_count [1-9]/.test(await (await fetch(`${second.url}/metrics`)).text()); i++) {
      writer.doc.getMap("stream").set(`k${i}`, i);
      await waitFor(() => reader.doc.getMap("stream").has(`k${i}`), 10_000, "the update to cross");
    }

    const metrics = await (await fetch(`${second.url}/metrics`)).text();
    expect(metrics).toMatch(/modelmap_dependency_latency_seconds_count\{dependency="redis",operation="xrevrange"\} [1-9]/);
    expect(metrics).toContain("modelmap_stream_boards_followed 1");

    redisProxy.cut();
    await waitFor(async () => (await fetch(`${first.url}/readyz`)).status === 503, 10_000, "readyz to report Redis down");
    const body = (await (await fetch(`${first.url}/readyz`)).json()) as { checks: Record<string, string> };
    expect(body.checks).toEqual({ storage: "ok", redis: "down" });
    redisProxy.restore();
    await waitFor(async () => (await fetch(`${first.url}/readyz`)).status === 200, 10_000, "readyz to recover");

    // S13 with Redis connections to close: exit code 0 means it finished before the 9 s deadline.
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    redisProxy.cut();
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });
});
