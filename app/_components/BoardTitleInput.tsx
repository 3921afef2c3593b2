"use client";

import { useState } from "react";
import { setBoardTitle } from "@/lib/board/mutations";
import { useBoardSession } from "../_lib/boardContext";

const TITLE_LIMIT = 200;

/** The board's name (`meta.title`). Anyone who can edit may rename it; remote renames show unless you are typing. */
export function BoardTitleInput({ title }: { title: string }) {
  const { doc, origin, readOnly } = useBoardSession();
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      data-testid="board-title"
      aria-label="Board title"
      value={draft ?? title}
      disabled={readOnly}
      maxLength={TITLE_LIMIT}
      placeholder="Untitled board"
      onFocus={() => setDraft(title)}
      onChange={(event) => {
        setDraft(event.target.value);
        setBoardTitle(doc, event.target.value, origin);
      }}
      onBlur={() => setDraft(null)}
      onKeyDown={(event) => {
        if (event.key === "Enter" || event.key === "Escape") event.currentTarget.blur();
      }}
      className="w-full min-w-0 truncate rounded-md border border-transparent bg-transparent px-2 py-1 text-sm font-semibold text-slate-900 hover:border-slate-200 focus:border-indigo-400 focus:bg-white focus:outline-none disabled:hover:border-transparent"
    />
  );
}
