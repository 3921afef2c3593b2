"use client";

import type { WebsocketProvider } from "y-websocket";
import { attachJitteredReconnect } from "@/lib/session/jitteredReconnect";

/**
 * The board page's connection habits: jittered reconnects, no retries into a dead network and
 * an immediate try when it returns (browser online/offline events), and this tab's presence
 * withdrawn on pagehide so a closed tab's cursor vanishes for the others at once.
 */
export function attachReconnect(provider: WebsocketProvider): { destroy(): void } {
  const reconnect = attachJitteredReconnect(provider, { isOnline: () => navigator.onLine });
  let lastLocalState: Record<string, unknown> | null = null;

  const onOffline = () => provider.disconnect();
  const onOnline = () => reconnect.retrySoon();
  const onPageHide = () => {
    lastLocalState = provider.awareness.getLocalState();
    provider.awareness.setLocalState(null);
  };
  // Back from the bfcache: show up again as the same person.
  const onPageShow = (event: PageTransitionEvent) => {
    if (event.persisted && lastLocalState) provider.awareness.setLocalState(lastLocalState);
  };

  window.addEventListener("offline", onOffline);
  window.addEventListener("online", onOnline);
  window.addEventListener("pagehide", onPageHide);
  window.addEventListener("pageshow", onPageShow);
  if (!navigator.onLine) provider.disconnect();

  return {
    destroy() {
      reconnect.destroy();
      window.removeEventListener("offline", onOffline);
      window.removeEventListener("online", onOnline);
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("pageshow", onPageShow);
    },
  };
}
