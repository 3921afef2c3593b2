"use client";

import { useState } from "react";
import { downloadExport } from "./shareApi";

const FORMATS = [
  { format: "json", label: "JSON", hint: "Everything; imports back as a new board" },
  { format: "csv", label: "CSV", hint: "One row per initiative, for spreadsheets" },
  { format: "md", label: "Markdown", hint: "A portfolio summary for docs" },
  { format: "svg", label: "SVG", hint: "The map as a picture, with legend" },
  { format: "png", label: "PNG", hint: "The map for slides" },
] as const;

/** Downloads of the board in every export format. */
export function ExportMenu({ boardId, token }: { boardId: string; token: string }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function download(format: string) {
    setBusy(format);
    setError(null);
    try {
      await downloadExport(boardId, token, format);
      setOpen(false);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="relative" onBlur={(event) => !event.currentTarget.contains(event.relatedTarget) && setOpen(false)}>
      <button
        type="button"
        data-testid="export-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen((value) => !value)}
        className="rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-xs font-medium text-slate-700 shadow-xs hover:bg-slate-50"
      >
        Export
      </button>
      {open && (
        <div role="menu" data-testid="export-menu" className="absolute right-0 top-full z-50 mt-2 w-72 rounded-xl border border-slate-200 bg-white p-1 shadow-xl">
          {FORMATS.map(({ format, label, hint }) => (
            <button
              key={format}
              type="button"
              role="menuitem"
              data-testid={`export-${format}`}
              disabled={busy !== null}
              onClick={() => void download(format)}
              className="flex w-full items-baseline justify-between gap-3 rounded-lg px-3 py-2 text-left hover:bg-slate-50 disabled:opacity-50"
            >
              <span className="text-sm font-medium text-slate-900">{busy === format ? "Preparing…" : label}</span>
              <span className="text-xs text-slate-500">{hint}</span>
            </button>
          ))}
          {error && (
            <p role="alert" className="px-3 py-2 text-xs text-rose-600">
              {error}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
