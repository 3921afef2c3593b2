import { Redis } from "ioredis";
import pg from "pg";

/*
 * Integration suites that need PostgreSQL or Redis ask here first. Outside CI a missing service
 * skips the suite with a printed reason, so a laptop without them still runs everything else;
 * with CI=true a missing service fails the run, so CI can never go green by skipping.
 */

/** Tests use TEST_DATABASE_URL, else DATABASE_URL, else the local default. Each run gets its own schema. */
export const postgresTestUrl =
  process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

/** Tests use TEST_REDIS_URL, else REDIS_URL, else the local default. */
export const redisTestUrl = process.env.TEST_REDIS_URL ?? process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

const PROBE_TIMEOUT_MS = 3_000;

/** True when PostgreSQL answers at postgresTestUrl; see the module comment for the false case. */
export async function requirePostgres(): Promise<boolean> {
  return requireService("PostgreSQL", postgresTestUrl, probePostgres);
}

/** True when Redis answers at redisTestUrl; see the module comment for the false case. */
export async function requireRedis(): Promise<boolean> {
  return requireService("Redis", redisTestUrl, probeRedis);
}

async function requireService(name: string, url: string, probe: (url: string) => Promise<void>): Promise<boolean> {
  try {
    await probe(url);
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const where = `${name} at ${redactPassword(url)}`;
    if (process.env.CI === "true") throw new Error(`${where} is required in CI but not reachable: ${reason}`);
    console.warn(`Skipping tests that need ${where}: not reachable (${reason}).`);
    return false;
  }
}

async function probePostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  // A failed connection also emits "error"; without a listener that would crash the test process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    await client.query("SELECT 1");
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function probeRedis(url: string): Promise<void> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: PROBE_TIMEOUT_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  // ioredis rejects with a bare "Connection is closed."; the emitted error says why.
  let connectionError: Error | undefined;
  redis.on("error", (error: Error) => {
    connectionError = error;
  });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw connectionError ?? error;
  } finally {
    redis.disconnect();
  }
}

function redactPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return url;
  }
}
