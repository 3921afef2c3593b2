"use client";

import { FilterMenu } from "../filters/FilterMenu";
import { SearchBox } from "../filters/SearchBox";
import { useBoardView, type ViewPanel } from "../../_lib/views/viewContext";
import { SavedViewsMenu } from "./SavedViewsMenu";
import { ViewSwitcher } from "./ViewSwitcher";

function PanelToggle({ panel, label, shortcut }: { panel: Exclude<ViewPanel, null>; label: string; shortcut: string }) {
  const { panel: open, setPanel } = useBoardView();
  const active = open === panel;
  return (
    <button
      type="button"
      data-testid={`toggle-${panel}`}
      aria-pressed={active}
      title={`${label} (${shortcut})`}
      onClick={() => setPanel(active ? null : panel)}
      className={`whitespace-nowrap rounded-md px-2.5 py-1 text-xs font-medium ${active ? "bg-indigo-600 text-white shadow-sm" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {label}
    </button>
  );
}

/** The strip under the top bar: panels, view and its options, filters, search, saved views. */
export function ViewBar() {
  const { hints } = useBoardView();
  return (
    <div className="flex h-11 shrink-0 items-center gap-2.5 border-b border-slate-200 bg-white/95 px-3" data-testid="view-bar">
      <div className="flex items-center gap-0.5 rounded-lg bg-slate-50 p-0.5 ring-1 ring-slate-200">
        <PanelToggle panel="library" label="Models" shortcut="M" />
        <PanelToggle panel="portfolio" label={hints.length > 0 ? `Portfolio · ${hints.length} hints` : "Portfolio"} shortcut="P" />
      </div>
      <span className="h-5 w-px bg-slate-200" aria-hidden />
      <ViewSwitcher />
      <div className="ml-auto flex shrink-0 items-center gap-2">
        <FilterMenu />
        <SavedViewsMenu />
        <SearchBox />
      </div>
    </div>
  );
}
