"use client";

import { INITIATIVE_FIELDS, type FieldGroup } from "@/lib/board/fields";
import { deleteInitiative } from "@/lib/board/mutations";
import { useBoardSession } from "../_lib/boardContext";
import { useInitiative } from "../_lib/useInitiative";
import { InitiativeHistory } from "./history/InitiativeHistory";
import { InspectorField } from "./InspectorField";

const GROUPS: { id: FieldGroup; label: string }[] = [
  { id: "basics", label: "Basics" },
  { id: "model", label: "Model" },
  { id: "position", label: "Position" },
  { id: "progress", label: "Progress" },
  { id: "investment", label: "Investment" },
  { id: "reference", label: "Reference" },
];

/** Every field of the selected initiative, grouped, and its own history; read-only for view links. */
export function Inspector({ boardId, token, initiativeId, onClose }: { boardId: string; token: string; initiativeId: string; onClose: () => void }) {
  const { doc, origin, readOnly, models } = useBoardSession();
  const live = useInitiative(doc, initiativeId);
  if (!live) return null;
  const { item, content } = live;
  const model = content.modelId ? models.get(content.modelId) : undefined;

  return (
    <aside
      data-testid="inspector"
      aria-label={`Details of ${content.title || "untitled initiative"}`}
      className="flex w-[360px] shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">Initiative</h2>
        <button type="button" onClick={onClose} aria-label="Close details" className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden>
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="flex-1 overflow-y-auto px-4 pb-6">
        {model && (
          <div className="mt-3 rounded-md border border-slate-100 bg-slate-50 p-3 text-xs leading-relaxed text-slate-600" data-testid="model-summary">
            <div className="mb-1 flex items-center gap-1.5 font-semibold text-slate-800">
              <span className="h-2 w-2 rounded-full" style={{ background: model.color }} aria-hidden />
              {model.name}
            </div>
            <p>
              <span className="font-medium text-emerald-700">Good: </span>
              {model.good}
            </p>
            <p className="mt-0.5">
              <span className="font-medium text-rose-700">Risk: </span>
              {model.risk}
            </p>
          </div>
        )}
        {GROUPS.map((group) => {
          const specs = INITIATIVE_FIELDS.filter((spec) => spec.group === group.id);
          if (specs.length === 0) return null;
          return (
            <section key={group.id} className="mt-5">
              <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-slate-400">{group.label}</h3>
              <div className="space-y-3">
                {specs.map((spec) => (
                  <div key={spec.name}>
                    <label htmlFor={`field-${spec.name}`} className="mb-1 block text-xs font-medium text-slate-600">
                      {spec.label}
                    </label>
                    <InspectorField spec={spec} item={item} initiative={content} />
                  </div>
                ))}
              </div>
            </section>
          );
        })}
        <section className="mt-5" data-testid="inspector-history">
          <h3 className="mb-2 text-[11px] font-semibold uppercase tracking-wide text-slate-400">History</h3>
          <InitiativeHistory
            boardId={boardId}
            initiativeId={content.id}
            token={token}
            revision={JSON.stringify([content.title, content.modelId, content.status, content.confidence, content.owner])}
          />
        </section>
        {!readOnly && (
          <button
            type="button"
            data-testid="delete-initiative"
            onClick={() => deleteInitiative(doc, content.id, origin)}
            className="mt-8 w-full rounded-md border border-rose-200 px-3 py-1.5 text-xs font-medium text-rose-700 hover:bg-rose-50"
          >
            Delete initiative
          </button>
        )}
      </div>
    </aside>
  );
}
