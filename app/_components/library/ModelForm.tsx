"use client";

import { useState, type FormEvent } from "react";
import { MODEL_FAMILIES } from "@/lib/board/models";
import { REVERSIBILITY_LEVELS } from "@/lib/board/fields";
import type { ModelContent } from "@/lib/board/types";

export interface ModelDraft {
  name: string;
  family: string;
  color: string;
  summary: string;
  good: string;
  risk: string;
  coordination: string;
  reversibility: string;
  proximity: string;
}

const INPUT = "w-full rounded-md border border-slate-300 px-2 py-1 text-xs focus:border-indigo-500";

export function draftOf(model: ModelContent | undefined, family: string): ModelDraft {
  return {
    name: model?.name ?? "",
    family: model ? String(model.family) : family,
    color: model?.color ?? "#64748b",
    summary: model?.summary ?? "",
    good: model?.good ?? "",
    risk: model?.risk ?? "",
    coordination: typeof model?.coordination === "string" ? model.coordination : "",
    reversibility: typeof model?.reversibility === "string" ? model.reversibility : "",
    proximity: typeof model?.proximity === "string" ? model.proximity : "",
  };
}

function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="block">
      <span className="mb-0.5 block text-[11px] font-medium text-slate-500">{label}</span>
      {children}
    </label>
  );
}

/** Adds or edits a model: name, family, colour, its good side, its risk and its attributes. */
export function ModelForm({ initial, submitLabel, onSubmit, onCancel }: { initial: ModelDraft; submitLabel: string; onSubmit: (draft: ModelDraft) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(initial);
  const set = (field: keyof ModelDraft) => (event: { target: { value: string } }) => setDraft({ ...draft, [field]: event.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.name.trim()) onSubmit({ ...draft, name: draft.name.trim() });
  };
  return (
    <form onSubmit={submit} data-testid="model-form" className="space-y-2 rounded-lg border border-indigo-200 bg-indigo-50/40 p-2.5" onKeyDown={(event) => event.key === "Escape" && onCancel()}>
      <div className="flex gap-2">
        <Field label="Name">
          <input data-testid="model-form-name" autoFocus required maxLength={80} value={draft.name} onChange={set("name")} className={INPUT} />
        </Field>
        <Field label="Colour">
          <input type="color" data-testid="model-form-color" value={draft.color} onChange={set("color")} className="h-[26px] w-10 cursor-pointer rounded border border-slate-300 bg-white" />
        </Field>
      </div>
      <Field label="Family">
        <select value={draft.family} onChange={set("family")} className={INPUT}>
          {MODEL_FAMILIES.map((family) => (
            <option key={family.id} value={family.id}>
              {family.label}
            </option>
          ))}
        </select>
      </Field>
      <Field label="In one line">
        <input value={draft.summary} onChange={set("summary")} maxLength={300} className={INPUT} />
      </Field>
      <Field label="Good side">
        <textarea data-testid="model-form-good" rows={2} value={draft.good} onChange={set("good")} maxLength={500} className={`${INPUT} resize-none`} />
      </Field>
      <Field label="Risk">
        <textarea data-testid="model-form-risk" rows={2} value={draft.risk} onChange={set("risk")} maxLength={500} className={`${INPUT} resize-none`} />
      </Field>
      <div className="grid grid-cols-3 gap-1.5">
        <Field label="Coordination 1–5">
          <input value={draft.coordination} onChange={set("coordination")} maxLength={10} className={INPUT} />
        </Field>
        <Field label="Reversibility">
          <input list="model-reversibility" value={draft.reversibility} onChange={set("reversibility")} maxLength={40} className={INPUT} />
        </Field>
        <Field label="Proximity c/o">
          <input value={draft.proximity} onChange={set("proximity")} maxLength={20} placeholder="0/1" className={INPUT} />
        </Field>
      </div>
      <datalist id="model-reversibility">
        {REVERSIBILITY_LEVELS.map((level) => (
          <option key={level.value} value={level.value} />
        ))}
      </datalist>
      <div className="flex justify-end gap-1.5 pt-1">
        <button type="button" onClick={onCancel} className="rounded-md px-2.5 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100">
          Cancel
        </button>
        <button type="submit" data-testid="model-form-save" className="rounded-md bg-indigo-600 px-2.5 py-1 text-xs font-semibold text-white hover:bg-indigo-500">
          {submitLabel}
        </button>
      </div>
    </form>
  );
}
