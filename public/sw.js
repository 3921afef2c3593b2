/*
 * Modelmap's offline shell. Network first for everything it handles, so an online page is
 * always current; when the network is gone (or hangs), the last good copy of the page, its Next
 * chunks and the board's access answer come from the cache (the board's content comes from
 * IndexedDB). The websocket and every other API call are never touched.
 */
const SHELL_CACHE = "modelmap-shell-v1";
/** A network that neither answers nor fails (dying Wi-Fi, captive portal) gives way to the copy. */
const NETWORK_TIMEOUT_MS = 8000;

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

function handled(request) {
  if (request.method !== "GET") return false;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return false;
  if (url.pathname.startsWith("/collab")) return false;
  if (url.pathname.startsWith("/api/")) return /^\/api\/boards\/[^/]+$/.test(url.pathname);
  return request.mode === "navigate" || url.pathname.startsWith("/_next/");
}

/**
 * Pages are kept by path (the token in the query string does not change the HTML); the access
 * answer by URL and a hash of the token, so a view link never reads an edit link's answer.
 * app/_lib/session/offlineShell.ts computes the same keys when it seeds the cache.
 */
async function cacheKey(request) {
  const url = new URL(request.url);
  if (request.mode === "navigate") return `${url.origin}${url.pathname}`;
  if (!url.pathname.startsWith("/api/")) return request.url;
  const token = (request.headers.get("authorization") ?? "").replace(/^Bearer\s+/i, "");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  const hash = Array.from(new Uint8Array(digest).slice(0, 12), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${url.origin}${url.pathname}?access=${hash}`;
}

async function networkFirst(event) {
  const request = event.request;
  const cache = await caches.open(SHELL_CACHE);
  const key = await cacheKey(request);
  const cached = () => cache.match(key);
  // Known offline: answer from the copy at once instead of waiting for the network to fail.
  if (self.navigator.onLine === false) {
    const copy = await cached();
    if (copy) return copy;
  }
  const network = fetch(request).then((response) => {
    if (response.ok && response.type === "basic") event.waitUntil(cache.put(key, response.clone()));
    return response;
  });
  let timer;
  const timeout = new Promise((resolve) => {
    timer = setTimeout(() => resolve(null), NETWORK_TIMEOUT_MS);
  });
  try {
    const first = await Promise.race([network, timeout]);
    if (first) return first;
    // The network is slow: the copy if there is one, else keep waiting for the network.
    return (await cached()) ?? (await network);
  } catch (error) {
    const copy = await cached();
    if (copy) return copy;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

self.addEventListener("fetch", (event) => {
  if (handled(event.request)) event.respondWith(networkFirst(event));
});
