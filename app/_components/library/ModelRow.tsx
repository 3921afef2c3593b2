"use client";

import { useState } from "react";
import { deleteModel, updateModel } from "@/lib/board/mutations";
import type { ModelContent } from "@/lib/board/types";
import { useBoardSession } from "../../_lib/boardContext";
import { MODEL_DRAG_TYPE } from "../../_lib/views/modelDrag";
import { draftOf, ModelForm } from "./ModelForm";

function Attribute({ label, value }: { label: string; value: unknown }) {
  if (typeof value !== "string" || !value) return null;
  return (
    <span className="rounded bg-slate-100 px-1.5 py-0.5 text-[10px] text-slate-600">
      {label} <span className="font-semibold text-slate-800">{value}</span>
    </span>
  );
}

const ROW_BUTTON = "rounded px-1.5 py-0.5 text-[11px] font-medium text-slate-500 hover:bg-slate-100 hover:text-slate-900";

/** One model of the library: drag it onto a card to assign it; edit, recolour, hide or remove it. */
export function ModelRow({ model, usage }: { model: ModelContent; usage: number }) {
  const { doc, origin, readOnly } = useBoardSession();
  const [editing, setEditing] = useState(false);
  const [confirmRemove, setConfirmRemove] = useState(false);
  const hidden = model.hidden === true;

  if (editing) {
    return (
      <li>
        <ModelForm
          initial={draftOf(model, String(model.family))}
          submitLabel="Save model"
          onCancel={() => setEditing(false)}
          onSubmit={(draft) => {
            updateModel(doc, model.id, { ...draft }, origin);
            setEditing(false);
          }}
        />
      </li>
    );
  }

  return (
    <li
      data-testid="library-model"
      data-model-id={model.id}
      draggable={!readOnly}
      onDragStart={(event) => {
        event.dataTransfer.setData(MODEL_DRAG_TYPE, model.id);
        event.dataTransfer.setData("text/plain", model.name);
        event.dataTransfer.effectAllowed = "copy";
      }}
      className={`group rounded-lg border border-slate-200 bg-white p-2.5 shadow-xs ${readOnly ? "" : "cursor-grab active:cursor-grabbing"} ${hidden ? "opacity-60" : ""}`}
    >
      <div className="flex items-start gap-2">
        <label className="relative mt-0.5 h-4 w-4 shrink-0 cursor-pointer rounded-full ring-2 ring-white" style={{ background: model.color, boxShadow: `0 0 0 1px ${model.color}` }} title={readOnly ? undefined : "Recolour"}>
          <input
            type="color"
            data-testid="model-color"
            aria-label={`Colour of ${model.name}`}
            disabled={readOnly}
            value={/^#[0-9a-f]{6}$/i.test(model.color) ? model.color : "#64748b"}
            onChange={(event) => updateModel(doc, model.id, { color: event.target.value }, origin)}
            className="absolute inset-0 h-full w-full cursor-pointer opacity-0"
          />
        </label>
        <div className="min-w-0 flex-1">
          <div className="flex items-baseline gap-1.5">
            <h4 className="truncate text-xs font-semibold text-slate-900" data-testid="library-model-name">
              {model.name}
            </h4>
            {hidden && <span className="rounded bg-slate-200 px-1 text-[10px] font-medium text-slate-600">hidden</span>}
            <span className="ml-auto shrink-0 text-[10px] tabular-nums text-slate-400" title="Open initiatives using it">
              {usage} {usage === 1 ? "card" : "cards"}
            </span>
          </div>
          {model.summary && <p className="mt-0.5 text-[11px] leading-snug text-slate-500">{model.summary}</p>}
          <p className="mt-1 text-[11px] leading-snug text-slate-700">
            <span className="font-semibold text-emerald-700">Good </span>
            {model.good || "—"}
          </p>
          <p className="mt-0.5 text-[11px] leading-snug text-slate-700">
            <span className="font-semibold text-rose-700">Risk </span>
            {model.risk || "—"}
          </p>
          <div className="mt-1.5 flex flex-wrap gap-1">
            <Attribute label="coordination" value={model.coordination} />
            <Attribute label="reversibility" value={model.reversibility} />
            <Attribute label="proximity" value={model.proximity} />
          </div>
        </div>
      </div>
      {!readOnly && !confirmRemove && (
        <div className="mt-1.5 flex justify-end gap-0.5 opacity-70 group-focus-within:opacity-100 group-hover:opacity-100">
          <button type="button" className={ROW_BUTTON} onClick={() => setEditing(true)} aria-label={`Edit ${model.name}`}>
            Edit
          </button>
          <button
            type="button"
            data-testid="model-hide"
            className={ROW_BUTTON}
            onClick={() => updateModel(doc, model.id, { hidden: hidden ? undefined : true }, origin)}
            aria-label={`${hidden ? "Show" : "Hide"} ${model.name} in pickers and lanes`}
          >
            {hidden ? "Show" : "Hide"}
          </button>
          <button type="button" data-testid="model-remove" className={`${ROW_BUTTON} hover:!bg-rose-50 hover:!text-rose-700`} onClick={() => setConfirmRemove(true)} aria-label={`Remove ${model.name}`}>
            Remove
          </button>
        </div>
      )}
      {confirmRemove && (
        <div className="mt-2 rounded-md bg-rose-50 p-2 text-[11px] text-rose-900" role="alertdialog" aria-label={`Remove ${model.name}?`}>
          {usage > 0 ? `${usage} initiative${usage === 1 ? "" : "s"} will show “no model” until someone picks another.` : "No initiative uses it."} History keeps the old choice.
          <div className="mt-1.5 flex justify-end gap-1">
            <button type="button" className="rounded px-2 py-0.5 font-medium hover:bg-white" onClick={() => setConfirmRemove(false)}>
              Keep
            </button>
            <button type="button" data-testid="model-remove-confirm" autoFocus className="rounded bg-rose-600 px-2 py-0.5 font-semibold text-white hover:bg-rose-500" onClick={() => deleteModel(doc, model.id, origin)}>
              Remove model
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
