"use client";

import { useMemo, useState } from "react";
import { createModel } from "@/lib/board/mutations";
import { MODEL_FAMILIES } from "@/lib/board/models";
import type { ModelContent } from "@/lib/board/types";
import { useBoardSession } from "../../_lib/boardContext";
import { useBoardView } from "../../_lib/views/viewContext";
import { DockPanel } from "../views/DockPanel";
import { draftOf, ModelForm } from "./ModelForm";
import { ModelRow } from "./ModelRow";

const CLOSED = new Set(["done", "stopped"]);

/** The board's model library by family; drag a model onto a card to assign it. */
export function ModelLibraryPanel() {
  const { doc, origin, readOnly, models } = useBoardSession();
  const { content, setPanel } = useBoardView();
  const [adding, setAdding] = useState<string | null>(null);
  const usage = useMemo(() => {
    const counts = new Map<string, number>();
    for (const initiative of Object.values(content.initiatives)) {
      if (initiative.modelId && !CLOSED.has(initiative.status)) counts.set(initiative.modelId, (counts.get(initiative.modelId) ?? 0) + 1);
    }
    return counts;
  }, [content]);
  const families = useMemo(() => {
    const known = new Set<string>(MODEL_FAMILIES.map((family) => family.id));
    const all = Array.from(models.values()).sort((a, b) => a.name.localeCompare(b.name));
    const groups: { id: string; label: string; models: ModelContent[] }[] = MODEL_FAMILIES.map((family) => ({
      id: family.id,
      label: family.label,
      models: all.filter((model) => model.family === family.id),
    }));
    const others = all.filter((model) => !known.has(String(model.family)));
    if (others.length > 0) groups.push({ id: "other", label: "Other", models: others });
    return groups;
  }, [models]);

  return (
    <DockPanel title="Model library" testId="library-panel" onClose={() => setPanel(null)}>
      <p className="mb-3 text-[11px] leading-snug text-slate-500">
        {readOnly ? "The models this board uses." : "Drag a model onto a card to assign it. Models are this board's own: edit them freely."}
      </p>
      {families.map((family) => (
        <section key={family.id} className="mb-4" data-testid="library-family" data-family={family.id}>
          <div className="mb-1.5 flex items-center justify-between">
            <h3 className="text-[11px] font-semibold uppercase tracking-wide text-slate-400">{family.label}</h3>
            {!readOnly && family.id !== "other" && (
              <button
                type="button"
                data-testid="model-add"
                onClick={() => setAdding(family.id)}
                className="rounded px-1.5 py-0.5 text-[11px] font-medium text-indigo-700 hover:bg-indigo-50"
                aria-label={`Add a model to ${family.label}`}
              >
                + Add
              </button>
            )}
          </div>
          <ul className="space-y-1.5">
            {adding === family.id && (
              <li>
                <ModelForm
                  initial={draftOf(undefined, family.id)}
                  submitLabel="Add model"
                  onCancel={() => setAdding(null)}
                  onSubmit={(draft) => {
                    createModel(doc, { ...draft }, origin);
                    setAdding(null);
                  }}
                />
              </li>
            )}
            {family.models.map((model) => (
              <ModelRow key={model.id} model={model} usage={usage.get(model.id) ?? 0} />
            ))}
          </ul>
        </section>
      ))}
    </DockPanel>
  );
}
