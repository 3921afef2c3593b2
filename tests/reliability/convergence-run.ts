import * as Y from "yjs";
import { readBoard } from "../../lib/board/schema";
import { type Core, MemoryClient, nextTurn, seededRandom } from "./core-harness";
import { randomEdit } from "./fuzz-ops";

export interface ConvergenceOptions {
  clients: number;
  opsPerClient: number;
  /**
   * Broken network for the negative control: frames are lost without the link dropping, so
   * nothing ever triggers a resync. A correct checker must report divergence.
   */
  silentFrameLoss?: boolean;
}

export interface ConvergenceResult {
  seed: number;
  /** Empty when all replicas, the server's document and a cold reload are identical. */
  problems: string[];
  stats: { edits: number; deliveries: number; duplicates: number; reorders: number; disconnects: number };
}

/**
 * One seeded run: `clients` replicas each make `opsPerClient` edits while the network delivers,
 * reorders, duplicates and drops frames (dropping a link loses what was in flight, like TCP
 * does); then every client reconnects, everything is delivered, and the board is compared on
 * every replica, in the server's live room and in a cold reload from storage.
 */
export async function runConvergenceSeed(core: Core, seed: number, options: ConvergenceOptions): Promise<ConvergenceResult> {
  const random = seededRandom(seed);
  const boardId = await core.newBoard(`seed ${seed}`);
  const clients = Array.from({ length: options.clients }, (_, i) => new MemoryClient(core, boardId, 1000 + i, `user${i}`));
  for (const client of clients) client.connect();
  const editsLeft = clients.map(() => options.opsPerClient);
  const stats = { edits: 0, deliveries: 0, duplicates: 0, reorders: 0, disconnects: 0 };

  const deliverSomething = () => {
    const candidates = clients.filter((c) => c.link && (c.link.toServer.length > 0 || c.link.toClient.length > 0));
    const client = candidates[Math.floor(random() * candidates.length)];
    const link = client?.link;
    if (!client || !link) return;
    const toServer = link.toClient.length === 0 || (link.toServer.length > 0 && random() < 0.5);
    const queueLength = toServer ? link.toServer.length : link.toClient.length;
    // Reordering overtakes a few frames at most, as frames racing through a proxy would.
    const reorder = random() < 0.2;
    const index = reorder ? Math.floor(random() * Math.min(queueLength, 4)) : 0;
    const duplicate = random() < 0.05;
    if (reorder && index > 0) stats.reorders += 1;
    if (duplicate) stats.duplicates += 1;
    if (options.silentFrameLoss && random() < 0.05) {
      (toServer ? link.toServer : link.toClient).splice(index, 1);
      return;
    }
    stats.deliveries += 1;
    if (toServer) link.deliverToServer(index, duplicate);
    else client.deliverToClient(index, duplicate);
  };

  while (editsLeft.some((n) => n > 0)) {
    const roll = random();
    if (roll < 0.5) {
      const who = Math.floor(random() * clients.length);
      const client = clients[who];
      if (client && (editsLeft[who] ?? 0) > 0) {
        randomEdit(client.doc, random, client.name);
        editsLeft[who] = (editsLeft[who] ?? 0) - 1;
        stats.edits += 1;
      }
    } else if (roll < 0.93) {
      deliverSomething();
    } else if (roll < 0.96) {
      const connected = clients.filter((c) => c.connected);
      const victim = connected[Math.floor(random() * connected.length)];
      if (victim && !options.silentFrameLoss) {
        victim.disconnect();
        stats.disconnects += 1;
      }
    } else {
      const offline = clients.filter((c) => !c.connected);
      offline[Math.floor(random() * offline.length)]?.connect();
    }
    // Let the server's loop, group commit and relays make progress between network events.
    await nextTurn();
  }

  await settle(core, boardId, clients, !options.silentFrameLoss);
  const problems = await compareReplicas(core, boardId, clients);
  for (const client of clients) {
    client.disconnect();
    client.doc.destroy();
  }
  return { seed, problems, stats };
}

/** Reconnects everyone and delivers every frame in order until nothing moves any more. */
async function settle(core: Core, boardId: string, clients: MemoryClient[], reconnect: boolean): Promise<void> {
  if (reconnect) for (const client of clients) if (!client.connected) client.connect();
  let quietRounds = 0;
  for (let round = 0; round < 10_000 && quietRounds < 3; round++) {
    let moved = false;
    for (const client of clients) {
      const link = client.link;
      if (!link?.open) continue;
      while (link.toServer.length > 0) {
        link.deliverToServer(0);
        moved = true;
      }
      while (link.toClient.length > 0) {
        client.deliverToClient(0);
        moved = true;
      }
    }
    await nextTurn();
    const room = core.registry.loaded(boardId);
    if (room && !room.isFlushed) {
      moved = true;
      await room.whenFlushed();
    }
    quietRounds = moved ? 0 : quietRounds + 1;
  }
}

async function compareReplicas(core: Core, boardId: string, clients: MemoryClient[]): Promise<string[]> {
  const problems: string[] = [];
  const room = core.registry.loaded(boardId);
  if (!room) return ["the server unloaded a room that still has connections"];
  const expected = canonicalJson(readBoard(room.doc));
  const expectedVector = Buffer.from(Y.encodeStateVector(room.doc)).toString("hex");
  if (room.doc.store.pendingStructs) problems.push("the server holds updates it cannot integrate");
  for (const client of clients) {
    if (canonicalJson(readBoard(client.doc)) !== expected) problems.push(`${client.name}'s board differs from the server's`);
    if (Buffer.from(Y.encodeStateVector(client.doc)).toString("hex") !== expectedVector) problems.push(`${client.name}'s state vector differs from the server's`);
  }
  const cold = await core.coldLoad(boardId);
  if (canonicalJson(readBoard(cold)) !== expected) problems.push("a cold reload from storage differs from the live room");
  cold.destroy();
  return problems;
}

/** JSON with sorted keys: replicas may list a map's keys in different orders. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
}
