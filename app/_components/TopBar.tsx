"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { ConnectionStatus } from "../_lib/useCollaboration";
import { BoardTitleInput } from "./BoardTitleInput";
import { ConnectionBadge } from "./ConnectionBadge";
import { ExportMenu } from "./share/ExportMenu";
import { ShareMenu } from "./share/ShareMenu";

interface TopBarProps {
  boardId: string;
  title: string;
  role: "edit" | "view";
  token: string;
  status: ConnectionStatus;
  onAddInitiative: () => void;
  onAddNote: () => void;
  onAddText: () => void;
  onAddFrame: () => void;
  /** Who is here (the session layer's avatars: rename yourself, follow others). */
  presence: ReactNode;
}

const SECONDARY_BUTTON = "rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-700 shadow-xs hover:bg-slate-50";

export function TopBar(props: TopBarProps) {
  const { boardId, title, role, token, status, presence, onAddInitiative, onAddNote, onAddText, onAddFrame } = props;
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
        {presence}
        <ExportMenu boardId={boardId} token={token} />
        <ShareMenu boardId={boardId} role={role} token={token} />
        {role === "edit" && (
          <>
            <div className="flex items-center gap-1" role="group" aria-label="Workshop items">
              <button type="button" data-testid="add-note" onClick={onAddNote} className={SECONDARY_BUTTON}>
                Note
              </button>
              <button type="button" data-testid="add-text" onClick={onAddText} title="Free text on the canvas" className={SECONDARY_BUTTON}>
                Text
              </button>
              <button type="button" data-testid="add-frame" onClick={onAddFrame} title="A frame to cluster cards (around the selected ones, if any)" className={SECONDARY_BUTTON}>
                Frame
              </button>
            </div>
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
