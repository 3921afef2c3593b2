"use client";

import type { WebsocketProvider } from "y-websocket";
import { jitteredBackoffMs } from "@/lib/session/backoff";

/**
 * Reconnects on our own jittered schedule instead of the stock provider's synchronized
 * 2^n × 100 ms waves, follows the browser's online/offline events (no retries into a dead
 * network, an immediate try when it returns), and withdraws this tab's presence on pagehide.
 * Resync after a reconnect is the provider's own sync step 1/2, so only missing updates travel.
 */
export function attachReconnect(provider: WebsocketProvider): { destroy(): void } {
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;
  let lastLocalState: Record<string, unknown> | null = null;

  const cancelRetry = () => {
    if (retry) clearTimeout(retry);
    retry = null;
  };
  const schedule = (delayMs: number) => {
    cancelRetry();
    retry = setTimeout(() => {
      retry = null;
      if (!destroyed && navigator.onLine) provider.connect();
    }, delayMs);
  };

  // Runs before the provider schedules its own retry; with shouldConnect off that retry is a no-op.
  const onConnectionClose = () => {
    if (destroyed || !provider.shouldConnect) return;
    provider.shouldConnect = false;
    schedule(jitteredBackoffMs(attempt++));
  };
  // A 44xx close is final (revoked token, unknown board): never retry it.
  const onClosed = () => cancelRetry();
  const onSync = (synced: boolean) => {
    if (synced) attempt = 0;
  };
  const onOffline = () => {
    cancelRetry();
    provider.disconnect();
  };
  const onOnline = () => schedule(jitteredBackoffMs(0));
  // A closed tab's presence should vanish for the others now, not after the 30 s timeout.
  const onPageHide = () => {
    lastLocalState = provider.awareness.getLocalState();
    provider.awareness.setLocalState(null);
  };
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && lastLocalState) provider.awareness.setLocalState(lastLocalState);
  };

  provider.on("connection-close", onConnectionClose);
  provider.on("closed", onClosed);
  provider.on("sync", onSync);
  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  window.addEventListener("pagehide", onPageHide);
  window.addEventListener("pageshow", onPageShow);
  if (!navigator.onLine) provider.disconnect();

  return {
    destroy() {
      destroyed = true;
      cancelRetry();
      provider.off("connection-close", onConnectionClose);
      provider.off("closed", onClosed);
      provider.off("sync", onSync);
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onPageShow);
    },
  };
}
