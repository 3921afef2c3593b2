"use client";

import { useMemo } from "react";
import { useBoardSession } from "../../_lib/boardContext";
import { FILTER_DIMENSIONS, filterChoices, isFiltering, NO_FILTERS, toggleValue, type BoardFilters } from "../../_lib/views/filters";
import { useBoardView } from "../../_lib/views/viewContext";
import { Popover } from "../views/Popover";

function activeCount(filters: BoardFilters): number {
  return FILTER_DIMENSIONS.reduce((sum, { key }) => sum + filters[key].length, 0);
}

/** Filters by owner, model, family, tag and status; non-matching cards are dimmed or hidden. */
export function FilterMenu() {
  const { filters, setFilters, content } = useBoardView();
  const { models } = useBoardSession();
  const choices = useMemo(() => filterChoices(Object.values(content.initiatives), models), [content, models]);
  const count = activeCount(filters);
  return (
    <Popover testId="filter-menu" label={count > 0 ? `Filter · ${count}` : "Filter"} active={count > 0} title="Filter cards by owner, model, family, tag or status">
      {() => (
        <div className="space-y-3">
          <div className="flex items-center justify-between">
            <fieldset className="flex gap-1 rounded-md bg-slate-100 p-0.5" aria-label="Cards that do not match">
              {(["dim", "hide"] as const).map((mode) => (
                <label key={mode} className={`cursor-pointer rounded px-2 py-0.5 ${filters.mode === mode ? "bg-white font-semibold text-slate-900 shadow-xs" : "text-slate-600"}`}>
                  <input
                    type="radio"
                    name="filter-mode"
                    value={mode}
                    data-testid={`filter-mode-${mode}`}
                    checked={filters.mode === mode}
                    onChange={() => setFilters({ ...filters, mode })}
                    className="sr-only"
                  />
                  {mode === "dim" ? "Dim others" : "Hide others"}
                </label>
              ))}
            </fieldset>
            <button
              type="button"
              data-testid="filter-clear"
              disabled={!isFiltering(filters)}
              onClick={() => setFilters({ ...NO_FILTERS, mode: filters.mode })}
              className="rounded px-1.5 py-0.5 font-medium text-indigo-700 hover:bg-indigo-50 disabled:text-slate-300"
            >
              Clear
            </button>
          </div>
          {FILTER_DIMENSIONS.map(({ key, label }) => (
            <fieldset key={key} data-testid={`filter-${key}`}>
              <legend className="mb-1 text-[11px] font-semibold uppercase tracking-wide text-slate-400">{label}</legend>
              {choices[key].length === 0 && <p className="text-slate-400">Nothing on the board yet</p>}
              <div className="max-h-40 space-y-0.5 overflow-y-auto">
                {choices[key].map((choice) => (
                  <label key={choice.value || "(none)"} className="flex cursor-pointer items-center gap-2 rounded px-1 py-0.5 hover:bg-slate-50">
                    <input
                      type="checkbox"
                      checked={filters[key].includes(choice.value)}
                      onChange={() => setFilters(toggleValue(filters, key, choice.value))}
                      className="accent-indigo-600"
                    />
                    {choice.color && <span className="h-2 w-2 shrink-0 rounded-full" style={{ background: choice.color }} aria-hidden />}
                    <span className={`min-w-0 flex-1 truncate ${choice.value ? "text-slate-800" : "italic text-slate-500"}`}>{choice.label}</span>
                    <span className="tabular-nums text-slate-400">{choice.count}</span>
                  </label>
                ))}
              </div>
            </fieldset>
          ))}
        </div>
      )}
    </Popover>
  );
}
