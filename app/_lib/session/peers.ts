"use client";

import { useSyncExternalStore } from "react";
import type { Awareness } from "y-protocols/awareness";
import { readGather, readTyping, readViewport, type GatherRequest, type TypingState, type Viewport } from "@/lib/session/awareness";

/** The session view of one peer (cursor and selection are handled by the board's PresenceStore). */
export interface SessionPeer {
  clientId: number;
  name: string;
  color: string;
  viewport: Viewport | null;
  typing: TypingState | null;
  gather: GatherRequest | null;
}

const snapshots = new WeakMap<Awareness, { key: string; peers: SessionPeer[] }>();
const NO_PEERS: SessionPeer[] = [];

function readPeers(awareness: Awareness): SessionPeer[] {
  const peers: SessionPeer[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const user = state.user as { name?: unknown; color?: unknown } | undefined;
    if (!user || typeof user.name !== "string") return;
    peers.push({
      clientId,
      name: user.name.slice(0, 60),
      color: typeof user.color === "string" ? user.color : "#64748b",
      viewport: readViewport(state.viewport),
      typing: readTyping(state.typing),
      gather: readGather(state.gather),
    });
  });
  return peers.sort((a, b) => a.clientId - b.clientId);
}

/** Stable between awareness changes that leave these fields alone (cursor moves, mostly). */
function snapshot(awareness: Awareness): SessionPeer[] {
  const peers = readPeers(awareness);
  const key = JSON.stringify(peers);
  const previous = snapshots.get(awareness);
  if (previous && previous.key === key) return previous.peers;
  snapshots.set(awareness, { key, peers });
  return peers;
}

export function useSessionPeers(awareness: Awareness): SessionPeer[] {
  return useSyncExternalStore(
    (listener) => {
      const onChange = () => {
        snapshot(awareness);
        listener();
      };
      awareness.on("change", onChange);
      return () => awareness.off("change", onChange);
    },
    () => snapshots.get(awareness)?.peers ?? snapshot(awareness),
    () => NO_PEERS,
  );
}
