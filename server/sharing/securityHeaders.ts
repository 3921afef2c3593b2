/**
 * Security headers of pages: a strict, nonce-based Content-Security-Policy for every page, and
 * the no-referrer / noindex pair for pages opened through a share or snapshot link. Pure
 * functions, used by the root proxy.ts (Next) and by tests.
 */

export interface PolicyOptions {
  nonce: string;
  /** Next's dev mode needs eval for React's debugging aids; production never does. */
  development: boolean;
  /** Origins the page talks to over websockets (the collaboration socket), e.g. ws://host:3000. */
  websocketOrigins: readonly string[];
}

export function contentSecurityPolicy(options: PolicyOptions): string {
  const directives: Record<string, string[]> = {
    "default-src": ["'self'"],
    // 'strict-dynamic' lets Next's nonce-carrying bootstrap load its chunks; nothing else runs.
    "script-src": ["'self'", `'nonce-${options.nonce}'`, "'strict-dynamic'", ...(options.development ? ["'unsafe-eval'"] : [])],
    // React renders style attributes into server HTML (card positions, colours).
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...options.websocketOrigins],
    "worker-src": ["'self'", "blob:"],
    "manifest-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join("; ");
}

/** The ws:// and wss:// origins of a host (as the browser addresses the page) and of PUBLIC_URL. */
export function websocketOriginsFor(host: string | null, publicUrl: string | undefined): string[] {
  const hosts = new Set<string>();
  if (host && /^[A-Za-z0-9.:[\]-]+$/.test(host)) hosts.add(host);
  if (publicUrl) {
    try {
      hosts.add(new URL(publicUrl).host);
    } catch {
      // An invalid PUBLIC_URL stops the server at start-up (config.ts); nothing to add here.
    }
  }
  return [...hosts].flatMap((entry) => [`ws://${entry}`, `wss://${entry}`]);
}

/** 128 random bits, base64: unguessable per response. */
export function createNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/** Paths reached through capability links: their URLs must not leak or be indexed. */
export function isSharedPath(pathname: string): boolean {
  return pathname.startsWith("/b/") || pathname.startsWith("/s/");
}

export const SHARED_PAGE_HEADERS = { "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow" } as const;
