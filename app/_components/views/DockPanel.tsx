"use client";

import type { ReactNode } from "react";

/** A side panel docked at the left of the canvas (the inspector owns the right side). */
export function DockPanel({ title, testId, onClose, children }: { title: string; testId: string; onClose: () => void; children: ReactNode }) {
  return (
    <aside data-testid={testId} aria-label={title} className="flex w-[340px] shrink-0 flex-col border-r border-slate-200 bg-slate-50/60">
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-2.5">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        <button type="button" onClick={onClose} aria-label={`Close ${title}`} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
          <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden>
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-3 py-3">{children}</div>
    </aside>
  );
}
