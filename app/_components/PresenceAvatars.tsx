"use client";

import { useSyncExternalStore } from "react";
import type { PeerState, PresenceStore } from "../_lib/presence";
import type { LocalUser } from "../_lib/localUser";

const NO_PEERS: PeerState[] = [];
const MAX_SHOWN = 5;

function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  return ((words[0]?.[0] ?? "") + (words[1]?.[0] ?? "")).toUpperCase() || "?";
}

/** Who is here: me first (click to rename), then everyone else on the board. */
export function PresenceAvatars({ presence, user, onRename }: { presence: PresenceStore; user: LocalUser; onRename: () => void }) {
  const peers = useSyncExternalStore(presence.subscribe, presence.getPeers, () => NO_PEERS);
  const shown = peers.slice(0, MAX_SHOWN);
  return (
    <div className="flex items-center -space-x-1.5" data-testid="presence">
      <button
        type="button"
        onClick={onRename}
        title={`You: ${user.name} (click to rename)`}
        aria-label={`You are ${user.name}. Rename`}
        className="relative flex h-7 w-7 items-center justify-center rounded-full border-2 border-white text-[10px] font-semibold text-white"
        style={{ background: user.color }}
      >
        {initials(user.name)}
      </button>
      {shown.map((peer) => (
        <span
          key={peer.clientId}
          title={peer.name}
          aria-label={peer.name}
          className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-white text-[10px] font-semibold text-white"
          style={{ background: peer.color }}
        >
          {initials(peer.name)}
        </span>
      ))}
      {peers.length > MAX_SHOWN && (
        <span className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-white bg-slate-200 text-[10px] font-semibold text-slate-600">
          +{peers.length - MAX_SHOWN}
        </span>
      )}
    </div>
  );
}
