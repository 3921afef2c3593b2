"use client";

import { useSyncExternalStore } from "react";
import { readRecentBoards, type RecentBoard } from "../_lib/boardLinks";

const NO_BOARDS: RecentBoard[] = [];
let cachedRaw: string | null = null;
let cachedBoards: RecentBoard[] = NO_BOARDS;

/** Parsed once per distinct stored value, so useSyncExternalStore sees a stable snapshot. */
function snapshot(): RecentBoard[] {
  const raw = window.localStorage.getItem("modelmap:recent");
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedBoards = readRecentBoards();
  }
  return cachedBoards;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  return () => window.removeEventListener("storage", onChange);
}

export function RecentBoards() {
  const boards = useSyncExternalStore(subscribe, snapshot, () => NO_BOARDS);
  if (boards.length === 0) return null;
  return (
    <div className="mt-12" data-testid="recent-boards">
      <h2 className="text-sm font-semibold uppercase tracking-wide text-slate-500">Recent boards</h2>
      <ul className="mt-3 divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white">
        {boards.map((board) => (
          <li key={board.id}>
            <a
              href={board.url}
              className="flex items-center justify-between gap-4 px-4 py-3 text-sm hover:bg-slate-50"
            >
              <span className="truncate font-medium text-slate-800">{board.title || "Untitled board"}</span>
              <span className="flex shrink-0 items-center gap-3 text-xs text-slate-500">
                <span className="rounded bg-slate-100 px-1.5 py-0.5 font-medium text-slate-600">
                  {board.role === "edit" ? "Can edit" : "View only"}
                </span>
                <time dateTime={board.openedAt}>{new Date(board.openedAt).toLocaleDateString()}</time>
              </span>
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
