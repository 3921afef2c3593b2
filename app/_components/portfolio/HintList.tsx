"use client";

import { useMemo, useState } from "react";
import type { Hint, HintCode } from "@/lib/board/hints";
import { useSelectCards } from "../../_lib/views/useSelectCards";

const HINT_TITLES: Record<HintCode, string> = {
  "no-model": "No model",
  "no-owner": "No owner",
  "capital-project-past-decision": "Capital project past its decision date",
  "time-boxed-without-end": "Time-boxed collaboration with no end date",
  "too-many-all-in-missions": "More than two all-in missions",
  "exploration-on-transactional-link": "Exploration on a transactional link",
  "platform-without-north-star": "Platform work with no North Star input",
  "stale-review": "Stale for its review cadence",
};

/** Per group, this many hints are listed; the group's button still selects all of them. */
const LISTED_PER_GROUP = 12;

/** The hints grouped by kind; clicking a hint (or a group) selects the cards it names. */
export function HintList({ hints }: { hints: readonly Hint[] }) {
  const selectCards = useSelectCards();
  const [expanded, setExpanded] = useState<HintCode | null>(null);
  const groups = useMemo(() => {
    const byCode = new Map<HintCode, Hint[]>();
    for (const hint of hints) byCode.set(hint.code, [...(byCode.get(hint.code) ?? []), hint]);
    return Array.from(byCode, ([code, members]) => ({ code, members }));
  }, [hints]);

  if (hints.length === 0) {
    return <p className="rounded-md bg-emerald-50 px-3 py-2 text-xs text-emerald-800">No hints: every open initiative has a model and an owner, and nothing looks stale.</p>;
  }
  return (
    <ul className="space-y-2" data-testid="hint-list">
      {groups.map(({ code, members }) => {
        const ids = Array.from(new Set(members.flatMap((hint) => hint.initiativeIds)));
        const open = expanded === code || groups.length === 1;
        return (
          <li key={code} className="rounded-lg border border-amber-200 bg-white" data-testid="hint-group" data-code={code}>
            <div className="flex items-center gap-2 px-2.5 py-1.5">
              <button
                type="button"
                onClick={() => setExpanded(open ? null : code)}
                aria-expanded={open}
                className="flex min-w-0 flex-1 items-center gap-1.5 text-left text-xs font-semibold text-slate-800"
              >
                <span className="flex h-4 min-w-4 items-center justify-center rounded-full bg-amber-400 px-1 text-[10px] font-bold text-amber-950">{members.length}</span>
                <span className="truncate">{HINT_TITLES[code]}</span>
              </button>
              <button
                type="button"
                data-testid="hint-group-select"
                onClick={() => selectCards(ids)}
                className="shrink-0 rounded px-1.5 py-0.5 text-[11px] font-medium text-indigo-700 hover:bg-indigo-50"
                aria-label={`Select the ${ids.length} card${ids.length === 1 ? "" : "s"} with "${HINT_TITLES[code]}"`}
              >
                Select {ids.length}
              </button>
            </div>
            {open && (
              <ul className="border-t border-amber-100 py-1">
                {members.slice(0, LISTED_PER_GROUP).map((hint, index) => (
                  <li key={`${hint.initiativeIds.join(",")}-${index}`}>
                    <button
                      type="button"
                      data-testid="hint"
                      data-ids={hint.initiativeIds.join(" ")}
                      onClick={() => selectCards(hint.initiativeIds, { focus: hint.initiativeIds.length === 1 })}
                      className="block w-full px-2.5 py-1 text-left text-[11px] leading-snug text-slate-600 hover:bg-amber-50 hover:text-slate-900"
                    >
                      {hint.message}
                    </button>
                  </li>
                ))}
                {members.length > LISTED_PER_GROUP && <li className="px-2.5 py-1 text-[11px] text-slate-400">and {members.length - LISTED_PER_GROUP} more</li>}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}
