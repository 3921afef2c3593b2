import { MODEL_FAMILIES } from "@/lib/board/models";
import type { ModelContent } from "@/lib/board/types";

/**
 * `<option>`s for a model select, grouped by family with `preferredFamily` first. A custom
 * family (models are editable per board) gets its own group after the three known ones.
 */
interface ModelOptionsProps {
  models: ReadonlyMap<string, ModelContent>;
  preferredFamily?: string;
  emptyLabel?: string;
}

export function ModelOptions({ models, preferredFamily, emptyLabel = "No model" }: ModelOptionsProps) {
  const known: { id: string; label: string }[] = MODEL_FAMILIES.map((family) => ({ id: family.id, label: family.label }));
  const families = [
    ...known.filter((family) => family.id === preferredFamily),
    ...known.filter((family) => family.id !== preferredFamily),
  ];
  const knownIds = new Set(known.map((family) => family.id));
  const visible = Array.from(models.values()).filter((model) => model.hidden !== true);
  const others = visible.filter((model) => !knownIds.has(String(model.family)));
  return (
    <>
      <option value="">{emptyLabel}</option>
      {families.map((family) => {
        const members = visible.filter((model) => model.family === family.id);
        if (members.length === 0) return null;
        return (
          <optgroup key={family.id} label={family.label}>
            {members.map((model) => (
              <option key={model.id} value={model.id}>
                {model.name}
              </option>
            ))}
          </optgroup>
        );
      })}
      {others.length > 0 && (
        <optgroup label="Other">
          {others.map((model) => (
            <option key={model.id} value={model.id}>
              {model.name}
            </option>
          ))}
        </optgroup>
      )}
    </>
  );
}
