"use client";

import { useEffect, useState } from "react";
import { readShareLinks, saveShareLinks } from "../_lib/boardLinks";
import { copyText } from "../_lib/clipboard";

interface ShareButtonsProps {
  boardId: string;
  role: "edit" | "view";
  token: string;
}

/**
 * Share links. Editors copy the edit link they hold and the view link the creator saved; an
 * editor who never saw the view link can mint a new one (which retires the old one, so we ask).
 */
export function ShareButtons({ boardId, role, token }: ShareButtonsProps) {
  const [editUrl, setEditUrl] = useState<string | undefined>();
  const [viewUrl, setViewUrl] = useState<string | undefined>();
  const [copied, setCopied] = useState<"edit" | "view" | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const stored = readShareLinks(boardId);
    const current = window.location.href;
    if (role === "edit") {
      setEditUrl(stored.editUrl ?? current);
      setViewUrl(stored.viewUrl);
      if (!stored.editUrl) saveShareLinks(boardId, { editUrl: current });
    } else {
      setViewUrl(current);
    }
  }, [boardId, role]);

  async function copy(kind: "edit" | "view", url: string) {
    setError(null);
    if (await copyText(url)) {
      setCopied(kind);
      setTimeout(() => setCopied((current) => (current === kind ? null : current)), 1600);
    } else {
      setError("Copy failed");
    }
  }

  async function copyViewLink() {
    if (viewUrl) return copy("view", viewUrl);
    if (!window.confirm("Create a view link? Any view link shared before stops working.")) return;
    const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/tokens/rotate`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ role: "view" }),
    });
    if (!response.ok) {
      setError("Could not create a view link");
      return;
    }
    const { url } = (await response.json()) as { url: string };
    saveShareLinks(boardId, { viewUrl: url });
    setViewUrl(url);
    await copy("view", url);
  }

  const buttonClass =
    "rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-700 shadow-xs hover:bg-slate-50";
  return (
    <div className="flex items-center gap-1.5">
      {role === "edit" && editUrl && (
        <button type="button" data-testid="copy-edit-link" data-link={editUrl} className={buttonClass} onClick={() => void copy("edit", editUrl)}>
          {copied === "edit" ? "Copied ✓" : "Copy edit link"}
        </button>
      )}
      <button type="button" data-testid="copy-view-link" data-link={viewUrl ?? ""} className={buttonClass} onClick={() => void copyViewLink()}>
        {copied === "view" ? "Copied ✓" : "Copy view link"}
      </button>
      {error && (
        <span role="alert" className="text-xs text-rose-600">
          {error}
        </span>
      )}
    </div>
  );
}
