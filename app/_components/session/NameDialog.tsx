"use client";

import { useState, type FormEvent } from "react";
import type { LocalUser } from "../../_lib/localUser";

/** The presence palette of localUser.ts, offered as choices. */
const COLORS = ["#e11d48", "#7c3aed", "#0284c7", "#059669", "#d97706", "#c026d3", "#2563eb", "#0f766e"];

interface NameDialogProps {
  initial: LocalUser;
  title: string;
  hint?: string;
  onSave: (user: LocalUser) => void;
  onCancel?: () => void;
  /** A first-visit card that does not block the board (and does not steal focus). */
  modal?: boolean;
}

export function NameDialog({ initial, title, hint, onSave, onCancel, modal = true }: NameDialogProps) {
  const [name, setName] = useState(initial.name);
  const [color, setColor] = useState(initial.color);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim().slice(0, 60);
    if (trimmed) onSave({ name: trimmed, color });
  };
  return (
    <div
      className={modal ? "fixed inset-0 z-[100] flex items-center justify-center bg-slate-900/30" : "absolute bottom-4 left-4 z-30"}
      role="dialog"
      aria-modal={modal}
      aria-labelledby="name-dialog-title"
    >
      <form onSubmit={submit} className="w-80 rounded-xl bg-white p-5 shadow-xl ring-1 ring-slate-200" data-testid="name-dialog">
        <h2 id="name-dialog-title" className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {hint && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
        <label className="mt-4 block text-xs font-medium text-slate-600">
          Display name
          <input
            autoFocus={modal}
            data-testid="name-input"
            value={name}
            maxLength={60}
            onChange={(event) => setName(event.target.value)}
            className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm text-slate-900 outline-none focus:border-indigo-500"
          />
        </label>
        <fieldset className="mt-3">
          <legend className="text-xs font-medium text-slate-600">Colour</legend>
          <div className="mt-1.5 flex gap-1.5">
            {COLORS.map((option) => (
              <button
                type="button"
                key={option}
                onClick={() => setColor(option)}
                aria-label={`Colour ${option}`}
                aria-pressed={color === option}
                className={`h-6 w-6 rounded-full ${color === option ? "ring-2 ring-slate-900 ring-offset-2" : ""}`}
                style={{ background: option }}
              />
            ))}
          </div>
        </fieldset>
        <div className="mt-5 flex justify-end gap-2">
          {onCancel && (
            <button type="button" onClick={onCancel} className="rounded-md px-3 py-1.5 text-xs font-medium text-slate-600 hover:bg-slate-100">
              Cancel
            </button>
          )}
          <button type="submit" data-testid="name-save" className="rounded-md bg-indigo-600 px-3 py-1.5 text-xs font-semibold text-white hover:bg-indigo-500">
            {onCancel ? "Save" : "Join board"}
          </button>
        </div>
      </form>
    </div>
  );
}
