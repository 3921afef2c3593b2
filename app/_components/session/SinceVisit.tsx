"use client";

import type { VisitSummary } from "@/lib/session/visit";

const MAX_LINES = 8;

export function SinceVisit({ summary, onDismiss }: { summary: VisitSummary; onDismiss: () => void }) {
  const since = new Date(summary.since).toLocaleString(undefined, { weekday: "short", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
  const { added, removed, changed } = summary.counts;
  return (
    <section data-testid="since-visit" aria-label="Changes since your last visit" className="absolute left-3 top-14 z-20 w-96 max-w-[calc(100%-1.5rem)] rounded-xl bg-white p-3 shadow-xl ring-1 ring-amber-300">
      <div className="flex items-start justify-between gap-2">
        <div>
          <h2 className="text-sm font-semibold text-slate-900">Since your last visit</h2>
          <p className="text-[11px] text-slate-500">
            {since} · {added} added · {removed} removed · {changed} changed
          </p>
        </div>
        <button type="button" data-testid="since-visit-dismiss" onClick={onDismiss} className="shrink-0 whitespace-nowrap rounded-md bg-amber-100 px-2 py-1 text-xs font-semibold text-amber-900 hover:bg-amber-200">
          Got it
        </button>
      </div>
      <ul className="mt-2 space-y-0.5 text-xs text-slate-700" data-testid="since-visit-lines">
        {summary.lines.slice(0, MAX_LINES).map((line, index) => (
          <li key={index} className="truncate" title={line}>
            <span className="mr-1 text-amber-500">•</span>
            {line.charAt(0).toUpperCase() + line.slice(1)}
          </li>
        ))}
        {summary.lines.length > MAX_LINES && <li className="text-slate-400">and {summary.lines.length - MAX_LINES} more</li>}
      </ul>
      {!summary.withAuthors && <p className="mt-2 text-[10px] text-slate-400">Compared with what this browser saw last; authors appear once server history answers.</p>}
    </section>
  );
}
