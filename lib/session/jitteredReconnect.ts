import type { WebsocketProvider } from "y-websocket";
import { jitteredBackoffMs } from "./backoff";

/**
 * Takes over the stock WebsocketProvider's reconnect schedule. Its own retry runs at
 * 2^n × 100 ms for every client at once; here each close schedules `provider.connect()` after a
 * full-jitter delay, so a restarted server sees its clients arrive spread out. The resync itself
 * stays the provider's sync step 1/2: only what either side lacks is sent.
 */
export interface JitteredReconnectOptions {
  /** Whether the network is worth trying now (the browser's navigator.onLine). */
  isOnline?: () => boolean;
  random?: () => number;
}

export interface JitteredReconnect {
  /** Try again soon (with a small jitter), for example when the network comes back. */
  retrySoon(): void;
  destroy(): void;
}

export function attachJitteredReconnect(provider: WebsocketProvider, options: JitteredReconnectOptions = {}): JitteredReconnect {
  const isOnline = options.isOnline ?? (() => true);
  const random = options.random ?? Math.random;
  let attempt = 0;
  let retry: ReturnType<typeof setTimeout> | null = null;
  let destroyed = false;

  const cancel = () => {
    if (retry) clearTimeout(retry);
    retry = null;
  };
  const schedule = (delayMs: number) => {
    cancel();
    retry = setTimeout(() => {
      retry = null;
      if (!destroyed && isOnline()) provider.connect();
    }, delayMs);
  };
  // Emitted before the provider schedules its own retry; with shouldConnect off, that retry is a no-op.
  const onConnectionClose = () => {
    if (destroyed || !provider.shouldConnect) return;
    provider.shouldConnect = false;
    schedule(jitteredBackoffMs(attempt++, random));
  };
  // A 44xx close is final (revoked token, unknown board): never retry it.
  const onClosed = () => cancel();
  const onSync = (synced: boolean) => {
    if (synced) attempt = 0;
  };
  provider.on("connection-close", onConnectionClose);
  provider.on("closed", onClosed);
  provider.on("sync", onSync);

  return {
    retrySoon() {
      if (!destroyed) schedule(jitteredBackoffMs(0, random));
    },
    destroy() {
      destroyed = true;
      cancel();
      provider.off("connection-close", onConnectionClose);
      provider.off("closed", onClosed);
      provider.off("sync", onSync);
    },
  };
}
