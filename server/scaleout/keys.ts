/**
 * Names of everything scale-out keeps in Redis. A deployment (or one test) may share a Redis
 * with others: `?prefix=` on REDIS_URL moves all of its keys and channels under that prefix.
 */
export const DEFAULT_KEY_PREFIX = "modelmap:";

export interface RedisLocation {
  /** The URL ioredis connects to, without our own `prefix` parameter. */
  url: string;
  prefix: string;
}

const PREFIX_PATTERN = /^[A-Za-z0-9:._-]{1,64}$/;

export function parseRedisLocation(redisUrl: string): RedisLocation {
  const url = new URL(redisUrl);
  const prefix = url.searchParams.get("prefix") ?? DEFAULT_KEY_PREFIX;
  if (!PREFIX_PATTERN.test(prefix)) throw new Error(`REDIS_URL: prefix "${prefix}" may only hold letters, digits and : . _ -`);
  url.searchParams.delete("prefix");
  return { url: url.toString(), prefix };
}

/** The URL with its password hidden, for logs. */
export function loggableRedisUrl(redisUrl: string): string {
  const url = new URL(redisUrl);
  if (url.password) url.password = "***";
  return url.toString();
}

export class RedisKeys {
  constructor(readonly prefix: string) {}

  /** The board's update stream: every stored update, in the order instances appended them. */
  updates(boardId: string): string {
    return `${this.prefix}board:${boardId}:updates`;
  }

  /** The board's presence channel (pub/sub: presence is ephemeral, losing some is harmless). */
  presence(boardId: string): string {
    return `${this.prefix}board:${boardId}:presence`;
  }

  /** Instance-wide control messages (token rotation). */
  control(): string {
    return `${this.prefix}control`;
  }

  boardOfPresenceChannel(channel: string): string | null {
    const head = `${this.prefix}board:`;
    const tail = ":presence";
    if (!channel.startsWith(head) || !channel.endsWith(tail)) return null;
    return channel.slice(head.length, channel.length - tail.length);
  }
}
