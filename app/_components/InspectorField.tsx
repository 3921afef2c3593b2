"use client";

import type * as Y from "yjs";
import { isInvestment, type FieldSpec } from "@/lib/board/fields";
import { updateInitiative } from "@/lib/board/mutations";
import type { InitiativeContent } from "@/lib/board/types";
import { useBoardSession } from "../_lib/boardContext";
import { DraftInput } from "./DraftInput";
import { ModelOptions } from "./ModelOptions";
import { YTextField } from "./YTextField";

export const INPUT_CLASS =
  "w-full rounded-md border border-slate-200 bg-white px-2 py-1.5 text-sm text-slate-900 shadow-xs focus:border-indigo-400 focus:outline-none disabled:bg-slate-50 disabled:text-slate-500";

interface InspectorFieldProps {
  spec: FieldSpec;
  item: Y.Map<unknown>;
  initiative: InitiativeContent;
}

function asString(value: unknown): string {
  return typeof value === "string" || typeof value === "number" ? String(value) : "";
}

function formatTimestamp(value: unknown): string {
  if (typeof value !== "string") return "—";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

/** One initiative field, rendered by its type from the field catalogue. */
export function InspectorField({ spec, item, initiative }: InspectorFieldProps) {
  const { doc, origin, readOnly, models, requestModelChange } = useBoardSession();
  const value = initiative[spec.name];
  const inputId = `field-${spec.name}`;
  const write = (next: unknown) => updateInitiative(doc, initiative.id, { [spec.name]: next }, origin);

  switch (spec.type) {
    case "text":
    case "longtext":
      return (
        <YTextField
          item={item}
          field={spec.name}
          id={inputId}
          multiline={spec.type === "longtext"}
          rows={spec.name === "notes" ? 4 : 2}
          label={spec.label}
          placeholder={spec.help}
          testId={`field-${spec.name}`}
          className={`${INPUT_CLASS} resize-y`}
        />
      );
    case "enum":
      return (
        <select id={inputId} data-testid={inputId} className={INPUT_CLASS} disabled={readOnly} value={asString(value)} onChange={(event) => write(event.target.value || (spec.required ? "" : undefined))}>
          {!spec.required && <option value="">Not set</option>}
          {spec.options?.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    case "model":
      return (
        <select
          id={inputId}
          data-testid={spec.name === "modelId" ? "model-select" : inputId}
          className={INPUT_CLASS}
          disabled={readOnly}
          value={asString(value)}
          onChange={(event) => {
            const next = event.target.value || null;
            if (spec.name === "modelId") requestModelChange(initiative.id, next);
            else write(next ?? undefined);
          }}
        >
          <ModelOptions models={models} preferredFamily={spec.family} emptyLabel={spec.name === "modelId" ? "No model" : "Not set"} />
        </select>
      );
    case "scale":
      if (spec.options) {
        return (
          <div role="radiogroup" aria-label={spec.label} className="flex gap-1" data-testid={inputId}>
            {spec.options.map((option) => {
              const active = asString(value) === option.value;
              return (
                <button
                  key={option.value}
                  type="button"
                  role="radio"
                  aria-checked={active}
                  title={option.label}
                  disabled={readOnly}
                  onClick={() => write(active ? undefined : Number(option.value))}
                  className={`flex-1 rounded-md border px-2 py-1 text-xs font-medium ${active ? "border-indigo-500 bg-indigo-50 text-indigo-700" : "border-slate-200 text-slate-600 hover:bg-slate-50"} disabled:opacity-60`}
                >
                  {option.label.split(" — ")[0]}
                </button>
              );
            })}
          </div>
        );
      }
      return (
        <div className="flex items-center gap-2">
          <input
            id={inputId}
            data-testid={inputId}
            type="range"
            min={spec.min}
            max={spec.max}
            step={5}
            disabled={readOnly}
            value={typeof value === "number" ? value : spec.min ?? 0}
            onChange={(event) => write(Number(event.target.value))}
            className="flex-1 accent-indigo-600"
          />
          <span className="w-10 text-right text-xs tabular-nums text-slate-600">{typeof value === "number" ? `${value}%` : "—"}</span>
        </div>
      );
    case "datetime":
      return <p className="px-1 text-sm text-slate-500">{formatTimestamp(value)}</p>;
    case "date":
      return (
        <input id={inputId} data-testid={inputId} type="date" className={INPUT_CLASS} disabled={readOnly} value={asString(value).slice(0, 10)} onChange={(event) => write(event.target.value || undefined)} />
      );
    case "investment":
      return <InvestmentInput value={value} units={spec.options ?? []} disabled={readOnly} onChange={write} />;
    case "tags":
      return (
        <DraftInput
          id={inputId}
          data-testid={inputId}
          className={INPUT_CLASS}
          disabled={readOnly}
          placeholder="growth, retention"
          value={Array.isArray(value) ? value.join(", ") : ""}
          onCommit={(raw) => {
            const tags = raw.split(",").map((tag) => tag.trim()).filter(Boolean);
            write(tags.length > 0 ? tags : undefined);
          }}
        />
      );
    default:
      return (
        <DraftInput
          id={inputId}
          data-testid={inputId}
          type={spec.type === "url" ? "url" : "text"}
          className={INPUT_CLASS}
          disabled={readOnly || spec.readOnly}
          placeholder={spec.help}
          value={asString(value)}
          onCommit={(raw) => write(spec.required ? raw : raw.trim() ? raw : undefined)}
        />
      );
  }
}

function InvestmentInput({ value, units, disabled, onChange }: { value: unknown; units: readonly { value: string; label: string }[]; disabled: boolean; onChange: (next: unknown) => void }) {
  const current = isInvestment(value) ? value : null;
  const unit = current?.unit ?? units[0]?.value ?? "FTE";
  return (
    <div className="flex gap-2">
      <DraftInput
        data-testid="field-investment-amount"
        aria-label="Investment amount"
        type="number"
        min={0}
        inputMode="decimal"
        className={INPUT_CLASS}
        disabled={disabled}
        value={current ? String(current.amount) : ""}
        onCommit={(raw) => {
          const amount = Number(raw);
          onChange(raw.trim() && Number.isFinite(amount) ? { amount, unit } : undefined);
        }}
      />
      <select
        aria-label="Investment unit"
        data-testid="field-investment-unit"
        className={`${INPUT_CLASS} w-36`}
        disabled={disabled || !current}
        value={unit}
        onChange={(event) => current && onChange({ amount: current.amount, unit: event.target.value })}
      >
        {units.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
