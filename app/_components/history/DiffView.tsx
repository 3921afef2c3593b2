"use client";

import { INITIATIVE_FIELDS } from "@/lib/board/fields";
import type { ModelContent } from "@/lib/board/types";
import type { ChangesInfo } from "../../_lib/history/api";
import { formatValue } from "../../_lib/history/points";

function Authors({ authors }: { authors: string[] }) {
  if (authors.length === 0) return null;
  return <span data-testid="diff-authors" className="ml-1 text-slate-500">by {authors.join(", ")}</span>;
}

/** Bookkeeping stamps that travel with a model or confidence change; the change itself says it all. */
const STAMP_FIELDS = new Set(["modelChangedAt", "confidenceAt"]);
const FIELD_LABELS = new Map<string, string>(INITIATIVE_FIELDS.map((spec) => [spec.name, spec.label]));

function fieldLabel(name: string): string {
  if (name === "modelId") return "Model";
  return FIELD_LABELS.get(name) ?? name;
}

function fieldValue(name: string, value: unknown, models: Record<string, ModelContent>): string {
  if (name === "modelId" && typeof value === "string") return models[value]?.name ?? value;
  return formatValue(value);
}

/** The semantic diff of two points: added, removed, changed fields from → to, who did it. */
export function DiffView({ diff, models }: { diff: ChangesInfo; models: Record<string, ModelContent> }) {
  const empty = diff.added.length + diff.removed.length + diff.changed.length === 0 && !diff.meta;
  if (empty) return <p className="text-sm text-slate-500" data-testid="diff-empty">No changes between these points.</p>;
  return (
    <div className="space-y-3 text-sm" data-testid="diff-view">
      {diff.modelReassignments.length > 0 && (
        <section>
          <h4 className="text-xs font-semibold uppercase text-slate-500">Model reassignments</h4>
          <ul className="mt-1 space-y-1">
            {diff.modelReassignments.map((move) => (
              <li key={move.id} data-testid="diff-reassignment">
                <span className="font-medium">{move.title}</span>: {fieldValue("modelId", move.fromModelId, models)} → {fieldValue("modelId", move.toModelId, models)}
                {move.rationale && <span className="italic text-slate-600"> — “{move.rationale}”</span>}
                <Authors authors={move.authors} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.added.length > 0 && (
        <section>
          <h4 className="text-xs font-semibold uppercase text-emerald-700">Added</h4>
          <ul className="mt-1 space-y-1">
            {diff.added.map((item) => (
              <li key={item.id} data-testid="diff-added">
                <span className="text-slate-500">{item.kind}</span> <span className="font-medium">{item.title}</span>
                <Authors authors={item.authors} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.removed.length > 0 && (
        <section>
          <h4 className="text-xs font-semibold uppercase text-rose-700">Removed</h4>
          <ul className="mt-1 space-y-1">
            {diff.removed.map((item) => (
              <li key={item.id} data-testid="diff-removed">
                <span className="text-slate-500">{item.kind}</span> <span className="font-medium line-through">{item.title}</span>
                <Authors authors={item.authors} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {diff.changed.length > 0 && (
        <section>
          <h4 className="text-xs font-semibold uppercase text-amber-700">Changed</h4>
          <ul className="mt-1 space-y-2">
            {diff.changed.map((change) => (
              <li key={change.id} data-testid="diff-changed">
                <div>
                  <span className="text-slate-500">{change.kind}</span> <span className="font-medium">{change.title}</span>
                  <Authors authors={change.authors} />
                </div>
                <ul className="ml-3 text-xs text-slate-600">
                  {Object.entries(change.fields)
                    .filter(([name]) => !STAMP_FIELDS.has(name))
                    .map(([name, field]) => (
                    <li key={name}>
                      {fieldLabel(name)}: <span className="text-rose-700">{fieldValue(name, field.from, models)}</span> →{" "}
                      <span className="text-emerald-700">{fieldValue(name, field.to, models)}</span>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
