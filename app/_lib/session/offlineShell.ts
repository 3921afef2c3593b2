"use client";

/**
 * Registers public/sw.js and seeds its cache with what this page already loaded (the page and
 * its chunks were fetched before the worker took control) plus the board's access answer, so
 * a reload while offline still opens the board from IndexedDB.
 */
export const SHELL_CACHE = "modelmap-shell-v1";

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
    if (access.ok) await cache.put(`${origin}/api/boards/${encodeURIComponent(boardId)}`, access);
    return true;
  } catch {
    return false;
  }
}
