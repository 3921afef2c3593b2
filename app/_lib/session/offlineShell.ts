"use client";

/**
 * Registers public/sw.js and seeds its cache with what this page already loaded (the page and
 * its chunks were fetched before the worker took control) plus the board's access answer, so
 * a reload while offline still opens the board from IndexedDB. The cache keys are the ones the
 * worker computes (public/sw.js `cacheKey`).
 */
export const SHELL_CACHE = "modelmap-shell-v1";

/** The worker's key for a board's access answer: its URL and a hash of the token. */
async function accessCacheKey(origin: string, boardId: string, token: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(token));
  const hash = Array.from(new Uint8Array(digest).slice(0, 12), (byte) => byte.toString(16).padStart(2, "0")).join("");
  return `${origin}/api/boards/${encodeURIComponent(boardId)}?access=${hash}`;
}

export async function prepareOfflineShell(boardId: string, token: string): Promise<boolean> {
  if (!("serviceWorker" in navigator) || !("caches" in window)) return false;
  try {
    await navigator.serviceWorker.register("/sw.js", { scope: "/" });
    const cache = await caches.open(SHELL_CACHE);
    const origin = window.location.origin;
    const assets = performance
      .getEntriesByType("resource")
      .map((entry) => entry.name)
      .filter((url) => url.startsWith(`${origin}/_next/`) && !url.includes("webpack-hmr") && !url.includes("__nextjs"));
    const page = `${origin}${window.location.pathname}`;
    await Promise.all(
      [page, ...new Set(assets)].map(async (url) => {
        const response = await fetch(url, { cache: "no-cache" }).catch(() => null);
        if (response?.ok) await cache.put(url, response);
      }),
    );
    const access = await fetch(`/api/boards/${encodeURIComponent(boardId)}`, { headers: { authorization: `Bearer ${token}` } });
    if (access.ok) await cache.put(await accessCacheKey(origin, boardId, token), access);
    return true;
  } catch {
    return false;
  }
}
