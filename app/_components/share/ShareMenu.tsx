"use client";

import { useEffect, useRef, useState } from "react";
import { readShareLinks, saveShareLinks } from "../../_lib/boardLinks";
import { LinkRow } from "./LinkRow";
import { createSnapshot, listVersions, rotateLink, type VersionSummary } from "./shareApi";

interface ShareMenuProps {
  boardId: string;
  role: "edit" | "view";
  token: string;
}

const ROTATE_WARNING = {
  edit: "Make a new edit link? The current edit link stops working at once, and everyone editing through it is disconnected, including you until this page reloads with the new link.",
  view: "Make a new view link? The current view link stops working at once, and everyone watching through it is disconnected.",
} as const;

const buttonClass = "rounded-md border border-slate-200 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 shadow-xs hover:bg-slate-50 disabled:opacity-50";

function versionLabel(version: VersionSummary): string {
  const when = new Date(version.createdAt).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
  return version.kind === "named" ? `${version.label} (${when})` : `Auto-saved ${when}`;
}

/**
 * The three links of a board, each saying what it allows: edit (live, can change), view
 * (live, read-only) and snapshot (frozen, never changes). Editors can also replace the edit
 * or view link, which retires the old one. The panel stays in the DOM while closed, so the
 * links are there for tests and assistive tools that look for them.
 */
export function ShareMenu({ boardId, role, token }: ShareMenuProps) {
  const [open, setOpen] = useState(false);
  const [editUrl, setEditUrl] = useState<string | undefined>();
  const [viewUrl, setViewUrl] = useState<string | undefined>();
  const [snapshotUrl, setSnapshotUrl] = useState<string | undefined>();
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [versionId, setVersionId] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panelRef = useRef<HTMLDivElement>(null);

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

  useEffect(() => {
    if (!open) return;
    void listVersions(boardId, token).then(setVersions);
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.parentElement?.contains(target)) setOpen(false);
    };
    window.addEventListener("keydown", onKey);
    window.addEventListener("pointerdown", onPointer);
    return () => {
      window.removeEventListener("keydown", onKey);
      window.removeEventListener("pointerdown", onPointer);
    };
  }, [open, boardId, token]);

  async function run(what: string, action: () => Promise<void>) {
    setBusy(what);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(null);
    }
  }

  function rotate(linkRole: "edit" | "view") {
    if (!window.confirm(ROTATE_WARNING[linkRole])) return;
    void run(`rotate-${linkRole}`, async () => {
      const url = await rotateLink(boardId, token, linkRole);
      saveShareLinks(boardId, linkRole === "edit" ? { editUrl: url } : { viewUrl: url });
      if (linkRole === "view") {
        setViewUrl(url);
        return;
      }
      // Our own token was the edit token: carry on with the new one.
      window.location.replace(url);
      window.location.reload();
    });
  }

  function snapshot() {
    void run("snapshot", async () => setSnapshotUrl(await createSnapshot(boardId, token, versionId || undefined)));
  }

  return (
    <div className="relative">
      <button
        type="button"
        data-testid="share-menu-button"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-700 shadow-xs hover:bg-slate-50"
      >
        Share
      </button>
      <div
        ref={panelRef}
        role="dialog"
        aria-label="Share this board"
        data-testid="share-menu"
        hidden={!open}
        className="absolute right-0 top-full z-50 mt-2 w-[420px] rounded-xl border border-slate-200 bg-white shadow-xl"
      >
        {role === "edit" && (
          <LinkRow kind="edit" label="Edit link" explanation="Live: anyone with this link can change the board." url={editUrl}>
            <button type="button" data-testid="rotate-edit-link" disabled={busy !== null} onClick={() => rotate("edit")} className="mt-2 text-xs text-rose-600 hover:underline disabled:opacity-50">
              Replace edit link…
            </button>
          </LinkRow>
        )}
        <LinkRow
          kind="view"
          label="View link"
          explanation="Live and read-only: people see every change as it happens, but cannot edit."
          url={viewUrl}
          placeholder={
            role === "edit" && (
              <button type="button" data-testid="create-view-link" disabled={busy !== null} onClick={() => rotate("view")} className={buttonClass}>
                Make a view link
              </button>
            )
          }
        >
          {role === "edit" && viewUrl && (
            <button type="button" data-testid="rotate-view-link" disabled={busy !== null} onClick={() => rotate("view")} className="mt-2 text-xs text-rose-600 hover:underline disabled:opacity-50">
              Replace view link…
            </button>
          )}
        </LinkRow>
        <LinkRow kind="snapshot" label="Snapshot link" explanation="Frozen: a read-only copy of the board at one moment. It never changes and opens without scripts." url={snapshotUrl}>
          <div className="mt-2 flex items-center gap-1.5">
            <select
              data-testid="snapshot-version"
              aria-label="Moment to freeze"
              value={versionId}
              onChange={(event) => setVersionId(event.target.value)}
              className="min-w-0 flex-1 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs text-slate-700"
            >
              <option value="">Now</option>
              {versions.map((version) => (
                <option key={version.id} value={version.id}>
                  {versionLabel(version)}
                </option>
              ))}
            </select>
            <button type="button" data-testid="create-snapshot" disabled={busy !== null} onClick={snapshot} className={buttonClass}>
              {busy === "snapshot" ? "Freezing…" : snapshotUrl ? "New snapshot" : "Create snapshot link"}
            </button>
            {snapshotUrl && (
              <a href={snapshotUrl} target="_blank" rel="noreferrer noopener" className="text-xs font-medium text-indigo-600 hover:underline">
                Open
              </a>
            )}
          </div>
        </LinkRow>
        {error && (
          <p role="alert" className="border-t border-slate-100 px-4 py-2 text-xs text-rose-600">
            {error}
          </p>
        )}
      </div>
    </div>
  );
}
