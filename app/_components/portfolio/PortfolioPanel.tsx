"use client";

import { useMemo, useState } from "react";
import { portfolioMix } from "@/lib/board/portfolio";
import { mixBars, type MixMeasure } from "../../_lib/views/mixBars";
import { useBoardView } from "../../_lib/views/viewContext";
import { DockPanel } from "../views/DockPanel";
import { HintList } from "./HintList";
import { MixChart } from "./MixChart";

/** The portfolio at a glance: the mix by model and by family, counted or weighted by investment, and the hints. */
export function PortfolioPanel() {
  const { content, hints, setPanel } = useBoardView();
  const [measure, setMeasure] = useState<MixMeasure>("count");
  const mix = useMemo(() => portfolioMix(content), [content]);
  const byModel = useMemo(() => mixBars(mix, mix.byModel, measure), [mix, measure]);
  const byFamily = useMemo(() => mixBars(mix, mix.byFamily, measure), [mix, measure]);
  const otherUnits = Object.keys(mix.investment).filter((unit) => unit !== mix.unit);

  return (
    <DockPanel title="Portfolio" testId="portfolio-panel" onClose={() => setPanel(null)}>
      <div className="mb-3 flex items-center justify-between">
        <p className="text-[11px] text-slate-500">
          {mix.count} open initiative{mix.count === 1 ? "" : "s"}
          {mix.unit ? ` · ${Math.round((mix.investment[mix.unit] ?? 0) * 10) / 10} ${mix.unit} invested` : ""}
        </p>
        <fieldset className="flex rounded-md bg-slate-200/70 p-0.5 text-[11px]" aria-label="Weigh by">
          {(["count", "investment"] as const).map((option) => (
            <label key={option} className={`cursor-pointer rounded px-2 py-0.5 ${measure === option ? "bg-white font-semibold text-slate-900 shadow-xs" : "text-slate-600"}`}>
              <input type="radio" name="mix-measure" value={option} data-testid={`mix-${option}`} checked={measure === option} onChange={() => setMeasure(option)} className="sr-only" disabled={option === "investment" && !mix.unit} />
              {option === "count" ? "Count" : "Investment"}
            </label>
          ))}
        </fieldset>
      </div>
      {measure === "investment" && otherUnits.length > 0 && (
        <p className="mb-2 text-[11px] text-slate-400">Shares in {mix.unit}; also invested: {otherUnits.map((unit) => `${mix.investment[unit]} ${unit}`).join(", ")} (never added across units).</p>
      )}
      <section className="mb-4">
        <h3 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-400">By family</h3>
        <MixChart bars={byFamily} title="Mix by family" testId="mix-by-family" />
      </section>
      <section className="mb-5">
        <h3 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-400">By model</h3>
        <MixChart bars={byModel} title="Mix by model" testId="mix-by-model" />
      </section>
      <section>
        <h3 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-400">Hints · {hints.length}</h3>
        <HintList hints={hints} />
      </section>
    </DockPanel>
  );
}
