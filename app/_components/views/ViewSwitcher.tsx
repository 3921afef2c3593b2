"use client";

import { MATRIX_AXES, MATRIX_PRESETS, type MatrixAxisName, type ViewKind } from "@/lib/board/projections";
import { useBoardView } from "../../_lib/views/viewContext";
import { defaultViewOptions, MATRIX_AXIS_NAMES, MATRIX_PRESET_LABELS, matrixPresetOf, VIEW_KINDS } from "../../_lib/views/viewOptions";

const SELECT = "max-w-44 rounded-md border border-slate-200 bg-white py-1 pl-2 pr-1 text-xs text-slate-800 shadow-xs hover:border-slate-300";

function Labeled({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex items-center gap-1.5 whitespace-nowrap text-[11px] font-medium text-slate-500">
      {label}
      {children}
    </label>
  );
}

/** The view picker and the options of the chosen view (ring field, sectors, axes, columns). */
export function ViewSwitcher() {
  const { view, setView } = useBoardView();
  const current = VIEW_KINDS.find((entry) => entry.kind === view.kind);
  return (
    <div className="flex min-w-0 items-center gap-2.5" data-testid="view-switcher" data-view={view.kind}>
      <Labeled label="View">
        <select
          data-testid="view-kind"
          aria-label="View"
          title={current?.hint}
          value={view.kind}
          onChange={(event) => setView(defaultViewOptions(event.target.value as ViewKind))}
          className={`${SELECT} font-semibold`}
        >
          {VIEW_KINDS.map((entry) => (
            <option key={entry.kind} value={entry.kind}>
              {entry.label}
            </option>
          ))}
        </select>
      </Labeled>
      {view.kind === "rings" && (
        <>
          <Labeled label="Rings by">
            <select data-testid="rings-field" value={view.field} onChange={(event) => setView({ ...view, field: event.target.value as typeof view.field })} className={SELECT}>
              <option value="proximityCustomer">distance from customer</option>
              <option value="proximityOutcome">distance from outcome</option>
            </select>
          </Labeled>
          <Labeled label="Sectors by">
            <select data-testid="rings-sectors" value={view.sectorBy} onChange={(event) => setView({ ...view, sectorBy: event.target.value as typeof view.sectorBy })} className={SELECT}>
              <option value="tag">first tag</option>
              <option value="northStarInput">North Star input</option>
            </select>
          </Labeled>
        </>
      )}
      {view.kind === "matrix" && (
        <>
          <Labeled label="Preset">
            <select
              aria-label="2×2 preset"
              data-testid="matrix-preset"
              value={matrixPresetOf(view.x, view.y) ?? ""}
              onChange={(event) => {
                const preset = MATRIX_PRESETS[event.target.value as keyof typeof MATRIX_PRESETS];
                if (preset) setView({ kind: "matrix", ...preset });
              }}
              className={SELECT}
            >
              {Object.entries(MATRIX_PRESET_LABELS).map(([name, label]) => (
                <option key={name} value={name}>
                  {label}
                </option>
              ))}
              <option value="" disabled>
                Custom axes
              </option>
            </select>
          </Labeled>
          <Labeled label="Across">
            <select data-testid="matrix-x" value={view.x} onChange={(event) => setView({ ...view, x: event.target.value as MatrixAxisName })} className={SELECT}>
              {MATRIX_AXIS_NAMES.map((name) => (
                <option key={name} value={name}>
                  {MATRIX_AXES[name].label}
                </option>
              ))}
            </select>
          </Labeled>
          <Labeled label="Up">
            <select data-testid="matrix-y" value={view.y} onChange={(event) => setView({ ...view, y: event.target.value as MatrixAxisName })} className={SELECT}>
              {MATRIX_AXIS_NAMES.map((name) => (
                <option key={name} value={name}>
                  {MATRIX_AXES[name].label}
                </option>
              ))}
            </select>
          </Labeled>
        </>
      )}
      {view.kind === "swimlanes" && (
        <Labeled label="Columns by">
          <select data-testid="swimlane-columns" value={view.columnsBy} onChange={(event) => setView({ ...view, columnsBy: event.target.value as typeof view.columnsBy })} className={SELECT}>
            <option value="status">status</option>
            <option value="horizon">horizon</option>
          </select>
        </Labeled>
      )}
    </div>
  );
}
