"use client";

import type { ReactNode } from "react";

export function PanelFrame({ title, testId, onClose, children }: { title: string; testId: string; onClose: () => void; children: ReactNode }) {
  return (
    <aside data-testid={testId} aria-label={title} className="absolute right-3 top-14 z-30 flex max-h-[calc(100%-5rem)] w-80 flex-col rounded-xl bg-white shadow-xl ring-1 ring-slate-200">
      <div className="flex items-center justify-between border-b border-slate-100 px-3 py-2">
        <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
        <button type="button" onClick={onClose} aria-label={`Close ${title}`} className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
          <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden>
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto p-3">{children}</div>
    </aside>
  );
}
