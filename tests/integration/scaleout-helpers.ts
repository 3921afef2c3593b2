import { randomBytes } from "node:crypto";
import net from "node:net";
import { Redis } from "ioredis";
import pg from "pg";
import { RedisKeys } from "../../server/scaleout/keys";
import { startChildServer, tempDir, type ChildServer } from "../helpers/server";
import { postgresTestUrl, redisTestUrl } from "../helpers/services";

/**
 * A switchable TCP proxy: stands in for a load balancer in front of the Modelmap processes
 * (switch its target when one dies) and for a network between a process and Redis (cut it).
 */
export class TcpProxy {
  private readonly sockets = new Set<net.Socket>();
  private cutOff = false;

  private constructor(
    private readonly server: net.Server,
    public targetPort: number,
  ) {
    server.on("connection", (client) => this.accept(client));
  }

  static async start(targetPort: number): Promise<TcpProxy> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return new TcpProxy(server, targetPort);
  }

  get port(): number {
    return (this.server.address() as net.AddressInfo).port;
  }

  /** Drops every open connection and refuses new ones until `restore()`. */
  cut(): void {
    this.cutOff = true;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }

  restore(): void {
    this.cutOff = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    if (this.cutOff) {
      client.destroy();
      return;
    }
    const upstream = net.connect(this.targetPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on("error", () => undefined);
      socket.on("close", () => {
        this.sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream);
    upstream.pipe(client);
  }
}

/** A name no other test (or run) uses: a PostgreSQL schema, a Redis key prefix. */
export function uniqueName(label: string): string {
  return `scaleout_${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

export interface Cluster {
  servers: ChildServer[];
  /** The proxy every process reaches Redis through (cut it to simulate losing Redis). */
  redisProxy: TcpProxy;
  databaseUrl: string;
  redisUrl: string;
  /** Trims a board's update stream to nothing, as if it had been capped long ago. */
  trimStream(boardId: string): Promise<void>;
  startServer(): Promise<ChildServer>;
  wsBase(server: ChildServer): string;
  stop(): Promise<void>;
}

/**
 * Processes on one PostgreSQL schema and one Redis key prefix of their own, all reaching Redis
 * through one proxy. `stop()` kills them and removes the schema and the keys.
 */
export async function startCluster(label: string, processes: number): Promise<Cluster> {
  const schema = uniqueName(label);
  const prefix = `${schema}:`;
  const redisTarget = new URL(redisTestUrl);
  const redisProxy = await TcpProxy.start(Number(redisTarget.port || 6379));
  const databaseUrl = withParam(postgresTestUrl, "schema", schema);
  const redisUrl = withParam(`redis://127.0.0.1:${redisProxy.port}`, "prefix", prefix);
  const data = tempDir();
  const servers: ChildServer[] = [];
  const startServer = async () => {
    const server = await startChildServer(data.dir, { DATABASE_URL: databaseUrl, REDIS_URL: redisUrl });
    servers.push(server);
    return server;
  };
  const stop = async () => {
    for (const server of servers) server.child.kill("SIGKILL");
    await Promise.all(servers.map((server) => server.exited));
    await redisProxy.close();
    await dropSchema(schema);
    await deleteKeys(prefix);
    data.remove();
  };
  try {
    // One after the other: on a busy two-core machine, parallel starts can exceed the start timeout.
    for (let i = 0; i < processes; i++) await startServer();
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    servers,
    redisProxy,
    databaseUrl,
    redisUrl,
    startServer,
    async trimStream(boardId) {
      const redis = new Redis(redisTestUrl);
      try {
        await redis.xtrim(new RedisKeys(prefix).updates(boardId), "MAXLEN", 0);
      } finally {
        redis.disconnect();
      }
    },
    wsBase: (server) => `ws://127.0.0.1:${server.port}/collab`,
    stop,
  };
}

function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.toString();
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresTestUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

async function deleteKeys(prefix: string): Promise<void> {
  const redis = new Redis(redisTestUrl);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
