"use client";

import { useCallback, useMemo, useState } from "react";
import type { BoardContent } from "@/lib/board/types";
import { historyClient, type ChangesInfo } from "../../_lib/history/api";
import type { HistoryPoint } from "../../_lib/history/points";
import { BoardPreview } from "./BoardPreview";
import { DiffView } from "./DiffView";
import { HistoryPanel } from "./HistoryPanel";

export type HistoryView =
  | { kind: "state"; point: HistoryPoint; content: BoardContent }
  | { kind: "compare"; from: HistoryPoint; to: HistoryPoint; diff: ChangesInfo; before: BoardContent; after: BoardContent };

interface HistoryDockProps {
  boardId: string;
  token: string;
  role: "edit" | "view";
  userName: string;
}

/**
 * The History button and everything behind it: the side panel (versions, timeline, compare)
 * and a read-only preview over the canvas. The live board underneath is never touched until
 * someone confirms a restore.
 */
export function HistoryDock({ boardId, token, role, userName }: HistoryDockProps) {
  const [open, setOpen] = useState(false);
  const [view, setView] = useState<HistoryView | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [refreshKey, setRefreshKey] = useState(0);
  const client = useMemo(() => historyClient({ boardId, token, userName }), [boardId, token, userName]);

  const closePreview = useCallback(() => {
    setView(null);
    setConfirming(false);
  }, []);

  const restorableVersion = view?.kind === "state" && view.point.value && !view.point.value.includes(":") ? view.point : null;

  async function restore(versionId: string, label: string) {
    try {
      await client.restore(versionId);
      setMessage(`Restored “${label}”. To undo, restore the version saved just before it.`);
      closePreview();
      setRefreshKey((key) => key + 1);
    } catch (failure) {
      setMessage(failure instanceof Error ? failure.message : "restore failed");
    }
  }

  return (
    <>
      <button
        type="button"
        data-testid="history-button"
        onClick={() => setOpen((value) => !value)}
        className="absolute right-3 top-3 z-20 rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-700 shadow-sm hover:bg-slate-50"
        aria-expanded={open}
      >
        History
      </button>
      {open && view && (
        // Above the session toolbar (z-20): its buttons act on the live board, which the preview hides.
        <div className="absolute inset-y-0 left-0 right-96 z-30 flex flex-col border-r border-slate-200 bg-white" data-testid="history-preview-pane">
          <div className="flex items-center gap-2 border-b border-slate-200 bg-amber-50 px-3 py-2 text-xs text-amber-900">
            <span className="font-semibold" data-testid="history-preview-label">
              {view.kind === "state" ? `Viewing: ${view.point.label}` : `Comparing ${view.from.label} → ${view.to.label}`}
            </span>
            <span className="text-amber-700">read-only preview; the live board is unchanged</span>
            <div className="ml-auto flex gap-2">
              {role === "edit" && restorableVersion && !confirming && (
                <button type="button" data-testid="history-restore" onClick={() => setConfirming(true)} className="rounded bg-indigo-600 px-2 py-1 font-semibold text-white">
                  Restore this version
                </button>
              )}
              {confirming && restorableVersion && (
                <span className="flex items-center gap-2" role="alertdialog" aria-label="Confirm restore">
                  Everyone will see the board change. Restore?
                  <button type="button" data-testid="history-restore-confirm" onClick={() => void restore(restorableVersion.value, restorableVersion.label)} className="rounded bg-rose-600 px-2 py-1 font-semibold text-white">
                    Restore
                  </button>
                  <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 bg-white px-2 py-1">
                    Cancel
                  </button>
                </span>
              )}
              <button type="button" data-testid="history-preview-close" onClick={closePreview} className="rounded border border-slate-300 bg-white px-2 py-1">
                Back to live board
              </button>
            </div>
          </div>
          <div className="min-h-0 flex-1">
            {view.kind === "state" ? <BoardPreview content={view.content} /> : <BoardPreview content={view.after} before={view.before} diff={view.diff} />}
          </div>
          {view.kind === "compare" && (
            <div className="max-h-64 overflow-auto border-t border-slate-200 p-3">
              <DiffView diff={view.diff} models={{ ...view.before.models, ...view.after.models }} />
            </div>
          )}
        </div>
      )}
      {open && (
        <aside className="absolute inset-y-0 right-0 z-10 flex w-96 flex-col border-l border-slate-200 bg-white shadow-lg" data-testid="history-panel">
          {message && (
            <p className="border-b border-slate-200 bg-indigo-50 px-3 py-2 text-xs text-indigo-900" data-testid="history-message">
              {message}
            </p>
          )}
          <HistoryPanel key={refreshKey} client={client} role={role} onView={setView} onClose={() => setOpen(false)} onMessage={setMessage} />
        </aside>
      )}
    </>
  );
}
