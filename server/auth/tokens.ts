import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 32 random bytes: 256 bits, well above the contract's 128. */
const TOKEN_BYTES = 32;
/** Board and snapshot ids: 16 random bytes, 128 bits (snapshot ids are capabilities). */
const ID_BYTES = 16;

export function generateToken(): string {
  return randomBytes(TOKEN_BYTES).toString("base64url");
}

export function generateId(): string {
  return randomBytes(ID_BYTES).toString("base64url");
}

/** Only this digest is stored; the token itself never touches the disk or the logs. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Constant-time comparison of two stored digests (for equal lengths). */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** Tokens are base64url of 32 bytes; anything else is refused before any lookup. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Board ids are base64url of 16 bytes, or the longer ids of imported legacy boards. */
export function looksLikeId(id: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(id);
}

/**
 * The token of a request: `Authorization: Bearer <token>` first, then the `token` query parameter.
 */
export function tokenFromRequest(authorization: string | undefined, url: URL): string | null {
  if (authorization) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  return url.searchParams.get("token");
}

/**
 * The role whose stored digest equals `tokenHash`. Every stored digest of the board is compared
 * in constant time, so the answer's timing says nothing about how close a guess was.
 */
export function roleOfDigest<R extends string>(stored: readonly { role: R; token_hash: string }[], tokenHash: string): R | null {
  let found: R | null = null;
  for (const row of stored) if (digestsEqual(row.token_hash, tokenHash)) found = row.role;
  return found;
}
