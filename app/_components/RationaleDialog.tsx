"use client";

import { useEffect, useRef, useState, type FormEvent } from "react";

interface RationaleDialogProps {
  initiativeTitle: string;
  modelName: string;
  onConfirm: (rationale: string | undefined) => void;
  onCancel: () => void;
}

/** Asks why the primary model changes; the answer is optional and travels with the change. */
export function RationaleDialog({ initiativeTitle, modelName, onConfirm, onCancel }: RationaleDialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [rationale, setRationale] = useState("");

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onConfirm(rationale.trim() || undefined);
  };

  return (
    <dialog
      ref={dialogRef}
      data-testid="rationale-dialog"
      aria-labelledby="rationale-heading"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[420px] rounded-xl border border-slate-200 bg-white p-0 shadow-xl backdrop:bg-slate-900/30"
    >
      <form onSubmit={submit} className="p-5">
        <h2 id="rationale-heading" className="text-sm font-semibold text-slate-900">
          Why {modelName}?
        </h2>
        <p className="mt-1 text-xs text-slate-500">
          A line on why “{initiativeTitle || "Untitled initiative"}” changes model helps the next review. Optional.
        </p>
        <textarea
          data-testid="rationale-input"
          aria-label="Rationale"
          autoFocus
          rows={3}
          value={rationale}
          onChange={(event) => setRationale(event.target.value)}
          placeholder="e.g. The pilot proved demand; it needs a standing team now."
          className="mt-3 w-full resize-none rounded-md border border-slate-300 px-2.5 py-2 text-sm focus:border-indigo-500 focus:outline-none"
        />
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" onClick={onCancel} className="rounded-md px-3 py-1.5 text-xs font-medium text-slate-600 hover:bg-slate-100">
            Cancel
          </button>
          <button type="button" data-testid="rationale-skip" onClick={() => onConfirm(undefined)} className="rounded-md border border-slate-200 px-3 py-1.5 text-xs font-medium text-slate-700 hover:bg-slate-50">
            Skip
          </button>
          <button type="submit" data-testid="rationale-save" className="rounded-md bg-indigo-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-indigo-500">
            Change model
          </button>
        </div>
      </form>
    </dialog>
  );
}
