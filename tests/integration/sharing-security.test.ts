import { describe, expect, it } from "vitest";
import { originAllowed } from "../../server/app";
import { parseConfig } from "../../server/config";
import { RateLimiter } from "../../server/sharing/rateLimit";
import { contentSecurityPolicy, createNonce, isSharedPath, websocketOriginsFor } from "../../server/sharing/securityHeaders";

describe("content security policy", () => {
  const directives = (policy: string) =>
    Object.fromEntries(policy.split("; ").map((part) => [part.split(" ")[0], part.split(" ").slice(1)]));

  it("allows scripts only by nonce, forbids framing, plugins and base rewrites, and allows the page's own websocket", () => {
    const nonce = createNonce();
    const policy = directives(contentSecurityPolicy({ nonce, development: false, websocketOrigins: websocketOriginsFor("board.example:3000", undefined) }));
    expect(policy["script-src"]).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    expect(policy["frame-ancestors"]).toEqual(["'none'"]);
    expect(policy["object-src"]).toEqual(["'none'"]);
    expect(policy["base-uri"]).toEqual(["'none'"]);
    expect(policy["connect-src"]).toEqual(["'self'", "ws://board.example:3000", "wss://board.example:3000"]);
  });

  it("adds eval only in development, and PUBLIC_URL's websocket origin when set", () => {
    const dev = directives(contentSecurityPolicy({ nonce: "n", development: true, websocketOrigins: websocketOriginsFor("127.0.0.1:3000", "https://maps.example.com") }));
    expect(dev["script-src"]).toContain("'unsafe-eval'");
    expect(dev["connect-src"]).toContain("wss://maps.example.com");
  });

  it("ignores a Host header that could break out of the policy", () => {
    expect(websocketOriginsFor("evil.example; script-src *", undefined)).toEqual([]);
  });

  it("makes a fresh 128-bit nonce every time", () => {
    const nonces = new Set(Array.from({ length: 50 }, createNonce));
    expect(nonces.size).toBe(50);
    expect(Buffer.from(createNonce(), "base64")).toHaveLength(16);
  });

  it("treats board and snapshot pages as shared pages", () => {
    expect(isSharedPath("/b/abc")).toBe(true);
    expect(isSharedPath("/s/abc")).toBe(true);
    expect(isSharedPath("/")).toBe(false);
  });
});

describe("snapshot rate limiter", () => {
  it("allows a burst, refuses the next request with a retry time, and refills over time", () => {
    let now = 0;
    const limiter = new RateLimiter({ burst: 3, refillPerSecond: 0.5 }, () => now);
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    expect(limiter.take("a")).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(limiter.take("b").allowed).toBe(true);
    now = 2_000;
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("forgets the least recently seen clients beyond its size", () => {
    const limiter = new RateLimiter({ burst: 1, refillPerSecond: 0.001, maxClients: 2 });
    limiter.take("a");
    limiter.take("b");
    limiter.take("c");
    // "a" was forgotten, so it has a full bucket again; "c" is remembered and empty.
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("c").allowed).toBe(false);
  });
});

describe("websocket Origin rule", () => {
  it("with PUBLIC_URL set, only its origin may open a socket from a browser", () => {
    const config = parseConfig({ PUBLIC_URL: "https://maps.example.com" });
    expect(originAllowed(config, "https://maps.example.com", "10.0.0.5:3000")).toBe(true);
    expect(originAllowed(config, "https://evil.example", "maps.example.com")).toBe(false);
    expect(originAllowed(config, "not a url", "maps.example.com")).toBe(false);
    expect(originAllowed(config, null, "maps.example.com")).toBe(true);
  });
});
