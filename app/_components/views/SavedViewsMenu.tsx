"use client";

import { useState } from "react";
import { useBoardSession } from "../../_lib/boardContext";
import { isFiltering } from "../../_lib/views/filters";
import { deleteSavedView, SAVED_VIEW_NAME_MAX, saveView } from "../../_lib/views/savedViews";
import { useSavedViews } from "../../_lib/views/useSavedViews";
import { useBoardView } from "../../_lib/views/viewContext";
import { describeView } from "../../_lib/views/viewOptions";
import { Popover } from "./Popover";

/** Saved views of the board: everyone sees the list; one click opens a view with its filters. */
export function SavedViewsMenu() {
  const { doc, origin, readOnly } = useBoardSession();
  const { view, filters, setView, setFilters } = useBoardView();
  const views = useSavedViews(doc);
  const [name, setName] = useState("");
  return (
    <Popover testId="saved-views" label={`Saved views${views.length > 0 ? ` · ${views.length}` : ""}`} title="Views saved on this board, for everyone">
      {(close) => (
        <div className="space-y-3">
          {views.length === 0 && <p className="text-slate-500">No saved views yet. Arrange a view and its filters, then save it here for the whole team.</p>}
          <ul className="space-y-1">
            {views.map((saved) => (
              <li key={saved.id} className="group flex items-start gap-1">
                <button
                  type="button"
                  data-testid="saved-view"
                  data-name={saved.name}
                  onClick={() => {
                    setView(saved.view);
                    setFilters(saved.filters);
                    close();
                  }}
                  className="min-w-0 flex-1 rounded px-2 py-1 text-left hover:bg-indigo-50"
                >
                  <span className="block truncate font-semibold text-slate-900">{saved.name}</span>
                  <span className="block truncate text-[11px] text-slate-500">
                    {describeView(saved.view)}
                    {isFiltering(saved.filters) ? " · filtered" : ""}
                    {saved.createdBy ? ` · ${saved.createdBy}` : ""}
                  </span>
                </button>
                {!readOnly && (
                  <button
                    type="button"
                    aria-label={`Delete saved view ${saved.name}`}
                    onClick={() => deleteSavedView(doc, saved.id, origin)}
                    className="rounded p-1 text-slate-300 hover:bg-rose-50 hover:text-rose-600 group-hover:text-slate-400"
                  >
                    ✕
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!readOnly && (
            <form
              className="border-t border-slate-100 pt-3"
              onSubmit={(event) => {
                event.preventDefault();
                if (!name.trim()) return;
                saveView(doc, { name, view, filters }, origin);
                setName("");
              }}
            >
              <label htmlFor="saved-view-name" className="mb-1 block font-medium text-slate-600">
                Save the current view as
              </label>
              <p className="mb-1.5 text-[11px] text-slate-400">
                {describeView(view)}
                {isFiltering(filters) ? " · with its filters" : ""}
              </p>
              <div className="flex gap-1.5">
                <input
                  id="saved-view-name"
                  data-testid="saved-view-name"
                  maxLength={SAVED_VIEW_NAME_MAX}
                  value={name}
                  onChange={(event) => setName(event.target.value)}
                  placeholder="e.g. Q3 rings, platform only"
                  className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 focus:border-indigo-500"
                />
                <button type="submit" data-testid="saved-view-save" disabled={!name.trim()} className="rounded-md bg-indigo-600 px-2.5 py-1 font-semibold text-white hover:bg-indigo-500 disabled:bg-slate-300">
                  Save
                </button>
              </div>
            </form>
          )}
        </div>
      )}
    </Popover>
  );
}
