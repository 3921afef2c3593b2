/**
 * Per-client token buckets for snapshot lookups. Snapshot ids are capabilities (128 random
 * bits), so guessing is already hopeless; the limit keeps one client from using the public
 * snapshot endpoints to load the server or to scan at scale.
 */
export interface RateLimitOptions {
  /** Requests a client may make in a burst. */
  burst: number;
  /** Tokens added back per second. */
  refillPerSecond: number;
  /** Clients remembered at most; the least recently seen are forgotten first. */
  maxClients?: number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly maxClients: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = () => Date.now(),
  ) {
    this.maxClients = options.maxClients ?? 10_000;
  }

  take(client: string): RateDecision {
    const now = this.now();
    const bucket = this.buckets.get(client) ?? { tokens: this.options.burst, updatedAt: now };
    const refilled = Math.min(this.options.burst, bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.options.refillPerSecond);
    // Re-insert so the map's order is least recently seen first.
    this.buckets.delete(client);
    if (refilled < 1) {
      this.buckets.set(client, { tokens: refilled, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.ceil((1 - refilled) / this.options.refillPerSecond) };
    }
    this.buckets.set(client, { tokens: refilled - 1, updatedAt: now });
    if (this.buckets.size > this.maxClients) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
    return { allowed: true };
  }
}

/** Snapshot lookups: a burst of 30, then one every two seconds per client address. */
export const SNAPSHOT_RATE_LIMIT: RateLimitOptions = { burst: 30, refillPerSecond: 0.5 };

const KEY = Symbol.for("modelmap.snapshotRateLimiter");
type WithLimiter = typeof globalThis & { [KEY]?: RateLimiter };

/**
 * The API (custom server) and the snapshot page (Next's module graph) must count against one
 * bucket per client, so the limiter of the running server is handed over through globalThis,
 * like server/services.ts.
 */
export function setSnapshotRateLimiter(limiter: RateLimiter | undefined): void {
  (globalThis as WithLimiter)[KEY] = limiter;
}

export function snapshotRateLimiter(): RateLimiter {
  const holder = globalThis as WithLimiter;
  holder[KEY] ??= new RateLimiter(SNAPSHOT_RATE_LIMIT);
  return holder[KEY];
}
