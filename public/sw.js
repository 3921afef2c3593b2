/*
 * Modelmap's offline shell. Network first for everything it handles, so an online page is
 * always current; when the network is gone, the last good copy of the page, its Next chunks and
 * the board's access answer come from the cache (the board's content comes from IndexedDB).
 * The websocket and every other API call are never touched.
 */
const SHELL_CACHE = "modelmap-shell-v1";

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

async function networkFirst(request) {
  const cache = await caches.open(SHELL_CACHE);
  const key = request.mode === "navigate" ? new URL(request.url).pathname : request.url;
  try {
    const response = await fetch(request);
    if (response.ok && response.type === "basic") await cache.put(key, response.clone());
    return response;
  } catch (error) {
    const cached = await cache.match(key, { ignoreSearch: request.mode === "navigate" });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  if (handled(event.request)) event.respondWith(networkFirst(event.request));
});
