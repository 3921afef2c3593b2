"use client";

import { useStore, ViewportPortal } from "@xyflow/react";
import { useSyncExternalStore } from "react";
import type { PeerState, PresenceStore } from "../_lib/presence";

const NO_PEERS: PeerState[] = [];

/** Other people's pointers, drawn in board coordinates and kept the same size at any zoom. */
export function RemoteCursors({ presence }: { presence: PresenceStore }) {
  const peers = useSyncExternalStore(presence.subscribe, presence.getPeers, () => NO_PEERS);
  const zoom = useStore((state) => state.transform[2]);
  return (
    <ViewportPortal>
      {peers.map((peer) =>
        peer.cursor ? (
          <div
            key={peer.clientId}
            data-testid="remote-cursor"
            className="pointer-events-none absolute left-0 top-0 z-50"
            style={{ transform: `translate(${peer.cursor.x}px, ${peer.cursor.y}px) scale(${1 / zoom})`, transformOrigin: "0 0" }}
          >
            <svg width="18" height="18" viewBox="0 0 18 18" aria-hidden>
              <path d="M2 2 L16 8 L9 10 L6 16 Z" fill={peer.color} stroke="white" strokeWidth="1.5" strokeLinejoin="round" />
            </svg>
            <span className="ml-3 rounded px-1.5 py-0.5 text-[11px] font-medium whitespace-nowrap text-white shadow-sm" style={{ background: peer.color }}>
              {peer.name}
            </span>
          </div>
        ) : null,
      )}
    </ViewportPortal>
  );
}
