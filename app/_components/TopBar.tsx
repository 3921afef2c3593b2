"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ConnectionStatus } from "../_lib/useCollaboration";
import type { LocalUser } from "../_lib/localUser";
import type { PresenceStore } from "../_lib/presence";
import { BoardTitleInput } from "./BoardTitleInput";
import { ConnectionBadge } from "./ConnectionBadge";
import { PresenceAvatars } from "./PresenceAvatars";
import { ExportMenu } from "./share/ExportMenu";
import { ShareMenu } from "./share/ShareMenu";

interface TopBarProps {
  boardId: string;
  title: string;
  role: "edit" | "view";
  token: string;
  status: ConnectionStatus;
  presence: PresenceStore;
  user: LocalUser;
  onRename: () => void;
  onAddInitiative: () => void;
  onAddNote: () => void;
  /** Replaces the plain avatars (the session layer's avatars follow people on click). */
  presenceSlot?: ReactNode;
}

export function TopBar(props: TopBarProps) {
  const { boardId, title, role, token, status, presence, user, onRename, onAddInitiative, onAddNote, presenceSlot } = props;
  return (
    <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3">
      <Link href="/" className="flex shrink-0 items-center gap-2 rounded-md px-1.5 py-1 text-sm font-semibold text-slate-900 hover:bg-slate-50" aria-label="Modelmap home">
        <span className="flex h-6 w-6 items-center justify-center rounded-md bg-indigo-600 text-xs font-bold text-white" aria-hidden>
          M
        </span>
      </Link>
      <div className="min-w-0 max-w-md flex-1">
        <BoardTitleInput title={title} />
      </div>
      <ConnectionBadge status={status} />
      <span
        data-testid="role-badge"
        className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ${role === "edit" ? "bg-indigo-50 text-indigo-700" : "bg-slate-100 text-slate-600"}`}
      >
        {role === "edit" ? "Editor" : "View only"}
      </span>
      <div className="ml-auto flex items-center gap-3">
        {presenceSlot ?? <PresenceAvatars presence={presence} user={user} onRename={onRename} />}
        <ExportMenu boardId={boardId} token={token} />
        <ShareMenu boardId={boardId} role={role} token={token} />
        {role === "edit" && (
          <>
            <button
              type="button"
              data-testid="add-note"
              onClick={onAddNote}
              className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-700 shadow-xs hover:bg-slate-50"
            >
              Add note
            </button>
            <button
              type="button"
              data-testid="add-initiative"
              onClick={onAddInitiative}
              title="Add initiative (N)"
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-xs font-semibold text-white shadow-sm hover:bg-indigo-500"
            >
              Add initiative
            </button>
          </>
        )}
      </div>
    </header>
  );
}
