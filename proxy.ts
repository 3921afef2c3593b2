import { NextResponse, type NextRequest } from "next/server";
import { snapshotRateLimiter } from "./server/sharing/rateLimit";
import {
  contentSecurityPolicy,
  createNonce,
  isSharedPath,
  SHARED_PAGE_HEADERS,
  websocketOriginsFor,
} from "./server/sharing/securityHeaders";

/**
 * Runs before every page: a fresh CSP nonce per request (Next reads it from the request's
 * Content-Security-Policy header and puts it on its own scripts), the no-referrer / noindex
 * headers on share and snapshot pages, and the per-client limit on snapshot lookups.
 */
export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/s/")) {
    // Next fills X-Forwarded-For with the peer address when the request has none.
    const client = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
    const decision = snapshotRateLimiter().take(client);
    if (!decision.allowed) {
      return NextResponse.json(
        { error: { code: "rate_limited", message: "too many snapshot lookups; retry later" } },
        { status: 429, headers: { "Retry-After": String(decision.retryAfterSeconds), ...SHARED_PAGE_HEADERS } },
      );
    }
  }
  const policy = contentSecurityPolicy({
    nonce: createNonce(),
    development: process.env.NODE_ENV === "development",
    websocketOrigins: websocketOriginsFor(request.headers.get("host"), process.env.PUBLIC_URL),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  response.headers.set("X-Content-Type-Options", "nosniff");
  if (isSharedPath(pathname)) {
    for (const [name, value] of Object.entries(SHARED_PAGE_HEADERS)) response.headers.set(name, value);
  }
  return response;
}

export const config = {
  matcher: [
    {
      source: "/((?!_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
