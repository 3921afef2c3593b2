"use client";

import { useState } from "react";
import { NameDialog } from "./NameDialog";
import { usePeople } from "./SessionProvider";

const MAX_SHOWN = 6;

function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  return ((words[0]?.[0] ?? "") + (words[1]?.[0] ?? "")).toUpperCase() || "?";
}

/** Me first (click to change name and colour), then everyone else (click to follow them). */
export function SessionAvatars() {
  const { peers, user, followingId, follow, onUserChange } = usePeople();
  const [renaming, setRenaming] = useState(false);
  const shown = peers.slice(0, MAX_SHOWN);
  return (
    <div className="flex items-center -space-x-1.5" data-testid="presence">
      <button
        type="button"
        data-testid="my-avatar"
        onClick={() => setRenaming(true)}
        title={`You: ${user.name} (click to change)`}
        aria-label={`You are ${user.name}. Change name or colour`}
        className="relative flex h-7 w-7 items-center justify-center rounded-full border-2 border-white text-[10px] font-semibold text-white"
        style={{ background: user.color }}
      >
        {initials(user.name)}
      </button>
      {shown.map((peer) => {
        const following = followingId === peer.clientId;
        return (
          <button
            type="button"
            key={peer.clientId}
            data-testid="peer-avatar"
            data-name={peer.name}
            data-following={following ? "true" : "false"}
            onClick={() => follow(following ? null : peer.clientId)}
            title={following ? `Following ${peer.name} (click to stop)` : `Follow ${peer.name}`}
            aria-pressed={following}
            aria-label={following ? `Stop following ${peer.name}` : `Follow ${peer.name}`}
            className={`flex h-7 w-7 items-center justify-center rounded-full border-2 text-[10px] font-semibold text-white transition-transform hover:z-10 hover:scale-110 ${following ? "z-10 border-slate-900 ring-2 ring-offset-1" : "border-white"}`}
            style={{ background: peer.color, ...(following ? { ["--tw-ring-color" as string]: peer.color } : {}) }}
          >
            {initials(peer.name)}
          </button>
        );
      })}
      {peers.length > MAX_SHOWN && (
        <span className="flex h-7 w-7 items-center justify-center rounded-full border-2 border-white bg-slate-200 text-[10px] font-semibold text-slate-600" title={peers.slice(MAX_SHOWN).map((peer) => peer.name).join(", ")}>
          +{peers.length - MAX_SHOWN}
        </span>
      )}
      {renaming && (
        <NameDialog
          initial={user}
          title="Your name and colour"
          onSave={(next) => {
            onUserChange(next);
            setRenaming(false);
          }}
          onCancel={() => setRenaming(false)}
        />
      )}
    </div>
  );
}
