"use client";

import { useRouter } from "next/navigation";
import { useState, type ChangeEvent } from "react";
import { rememberBoard, saveShareLinks } from "../../_lib/boardLinks";

interface CreatedBoard {
  id: string;
  title: string;
  editUrl: string;
  viewUrl: string;
}

interface RowError {
  row: number;
  field: string;
  message: string;
}

interface CsvPreview {
  title: string;
  initiatives: { id: string; title: string; owner: string; status: string; modelId: string | null }[];
  errors: RowError[];
}

interface ErrorBody {
  error?: { message?: string };
}

const PREVIEW_ROWS = 8;

/**
 * Import on the landing page: a JSON export becomes a new board at once; a CSV of initiatives
 * is previewed first, with every row error named, and becomes a board on confirmation.
 */
export function ImportBoard() {
  const router = useRouter();
  const [csv, setCsv] = useState<{ name: string; text: string; preview: CsvPreview } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function open(board: CreatedBoard) {
    saveShareLinks(board.id, { editUrl: board.editUrl, viewUrl: board.viewUrl });
    rememberBoard({ id: board.id, title: board.title, url: board.editUrl, role: "edit", openedAt: new Date().toISOString() });
    const target = new URL(board.editUrl, window.location.href);
    if (target.origin === window.location.origin) router.push(target.pathname + target.search + target.hash);
    else window.location.assign(target.href);
  }

  async function post(query: string, body: string, contentType: string): Promise<Response> {
    return fetch(`/api/boards/import${query}`, { method: "POST", headers: { "content-type": contentType }, body });
  }

  async function readError(response: Response): Promise<string> {
    const body = (await response.json().catch(() => ({}))) as ErrorBody;
    return body.error?.message ?? `the server answered ${response.status}`;
  }

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (!file) return;
    setError(null);
    setCsv(null);
    setBusy(true);
    try {
      const text = await file.text();
      const isCsv = file.name.toLowerCase().endsWith(".csv") || file.type === "text/csv";
      if (!isCsv) {
        const response = await post("", text, "application/json");
        if (!response.ok) throw new Error(`This file cannot be imported: ${await readError(response)}`);
        open((await response.json()) as CreatedBoard);
        return;
      }
      const title = file.name.replace(/\.csv$/i, "");
      const response = await post(`?format=csv&preview=1&title=${encodeURIComponent(title)}`, text, "text/csv");
      if (!response.ok) throw new Error(`This CSV cannot be read: ${await readError(response)}`);
      setCsv({ name: file.name, text, preview: (await response.json()) as CsvPreview });
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setBusy(false);
    }
  }

  async function createFromCsv() {
    if (!csv) return;
    setBusy(true);
    setError(null);
    try {
      const query = `?format=csv&skipInvalid=1&title=${encodeURIComponent(csv.preview.title)}`;
      const response = await post(query, csv.text, "text/csv");
      if (!response.ok) throw new Error(`The board was not created: ${await readError(response)}`);
      open((await response.json()) as CreatedBoard);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
      setBusy(false);
    }
  }

  const preview = csv?.preview;
  return (
    <section aria-labelledby="import-heading" className="mt-4 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <h2 id="import-heading" className="text-base font-semibold text-slate-900">
        Import
      </h2>
      <p className="mt-1 text-sm text-slate-500">A Modelmap JSON export, or a CSV of initiatives (one row each, with a title column).</p>
      <label className="mt-3 inline-flex cursor-pointer items-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium text-slate-700 shadow-xs hover:bg-slate-50">
        {busy ? "Reading…" : "Choose a file…"}
        <input type="file" accept=".json,.csv,application/json,text/csv" data-testid="import-file" className="sr-only" disabled={busy} onChange={(event) => void onFile(event)} />
      </label>
      {error && (
        <p role="alert" data-testid="import-error" className="mt-3 text-sm text-rose-600">
          {error}
        </p>
      )}
      {preview && (
        <div data-testid="csv-preview" className="mt-4">
          <p className="text-sm text-slate-700">
            <strong>{preview.initiatives.length}</strong> initiative{preview.initiatives.length === 1 ? "" : "s"} ready
            {preview.errors.length > 0 && (
              <>
                , <strong className="text-rose-600">{preview.errors.length}</strong> problem{preview.errors.length === 1 ? "" : "s"} (those rows are left out)
              </>
            )}
          </p>
          <ul className="mt-2 space-y-0.5 text-xs text-slate-600">
            {preview.initiatives.slice(0, PREVIEW_ROWS).map((initiative) => (
              <li key={initiative.id} className="truncate">
                {initiative.title}
                {initiative.owner && <span className="text-slate-400"> · {initiative.owner}</span>}
              </li>
            ))}
            {preview.initiatives.length > PREVIEW_ROWS && <li className="text-slate-400">and {preview.initiatives.length - PREVIEW_ROWS} more</li>}
          </ul>
          {preview.errors.length > 0 && (
            <ul data-testid="csv-errors" className="mt-3 max-h-40 space-y-0.5 overflow-auto rounded-md bg-rose-50 p-2 text-xs text-rose-700">
              {preview.errors.map((rowError) => (
                <li key={`${rowError.row}-${rowError.field}`}>
                  Row {rowError.row}, <code>{rowError.field}</code>: {rowError.message}
                </li>
              ))}
            </ul>
          )}
          <div className="mt-3 flex gap-2">
            <button
              type="button"
              data-testid="csv-create"
              disabled={busy || preview.initiatives.length === 0}
              onClick={() => void createFromCsv()}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:opacity-50"
            >
              Create board from {preview.initiatives.length} row{preview.initiatives.length === 1 ? "" : "s"}
            </button>
            <button type="button" onClick={() => setCsv(null)} className="rounded-md px-3 py-1.5 text-sm text-slate-600 hover:bg-slate-50">
              Cancel
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
