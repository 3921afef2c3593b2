import { describe, expect, it } from "vitest";
import { digestsEqual, generateId, generateToken, hashToken, looksLikeId, looksLikeToken, tokenFromRequest } from "../../server/auth/tokens";

describe("capability tokens", () => {
  it("carry 256 random bits and never repeat", () => {
    const tokens = new Set(Array.from({ length: 1000 }, generateToken));
    expect(tokens.size).toBe(1000);
    for (const token of tokens) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(looksLikeToken(token)).toBe(true);
    }
  });

  it("ids carry 128 random bits", () => {
    const id = generateId();
    expect(Buffer.from(id, "base64url")).toHaveLength(16);
    expect(looksLikeId(id)).toBe(true);
  });

  it("are stored as SHA-256 digests that do not contain the token", () => {
    const token = generateToken();
    const digest = hashToken(token);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(digest).not.toContain(token);
    expect(hashToken(token)).toBe(digest);
    expect(hashToken(generateToken())).not.toBe(digest);
  });

  it("compare digests in constant time and only when equal", () => {
    const a = hashToken("a");
    expect(digestsEqual(a, hashToken("a"))).toBe(true);
    expect(digestsEqual(a, hashToken("b"))).toBe(false);
    expect(digestsEqual(a, a.slice(0, 10))).toBe(false);
    expect(digestsEqual("", "")).toBe(false);
  });

  it("reject malformed tokens and ids before any lookup", () => {
    expect(looksLikeToken("short")).toBe(false);
    expect(looksLikeToken(`${generateToken()}x`)).toBe(false);
    expect(looksLikeToken("a".repeat(42) + "!")).toBe(false);
    expect(looksLikeId("../../etc/passwd")).toBe(false);
    expect(looksLikeId("abc")).toBe(false);
  });

  it("are read from the Bearer header first, then the token query parameter", () => {
    const url = new URL("http://x/api?token=fromquery");
    expect(tokenFromRequest("Bearer fromheader", url)).toBe("fromheader");
    expect(tokenFromRequest("bearer   fromheader  ", url)).toBe("fromheader");
    expect(tokenFromRequest(undefined, url)).toBe("fromquery");
    expect(tokenFromRequest("Basic abc", new URL("http://x/api"))).toBeNull();
  });
});
