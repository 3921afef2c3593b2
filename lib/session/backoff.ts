/**
 * Reconnect delays with "full jitter": a uniformly random wait up to an exponentially growing
 * ceiling. After a server restart, N clients spread over the whole window instead of arriving in
 * synchronized waves (the stock provider's 2^n × 100 ms schedule makes every client retry at the
 * same instants).
 */

export interface BackoffPolicy {
  /** Ceiling of the first retry. */
  baseMs: number;
  /** Largest ceiling any retry may reach. */
  maxMs: number;
  /** Floor, so a retry never spins. */
  minMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 10_000, minMs: 50 };

export function backoffCeilingMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.min(Math.max(0, attempt), 30);
  return Math.min(policy.maxMs, policy.baseMs * 2 ** exponent);
}

/** `random` returns [0, 1); injected so tests are deterministic. */
export function jitteredBackoffMs(attempt: number, random: () => number = Math.random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = backoffCeilingMs(attempt, policy);
  return Math.max(policy.minMs, Math.floor(random() * ceiling));
}
