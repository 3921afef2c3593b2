"use client";

import { useEffect, useState } from "react";
import { historyClient, type CardHistoryEntryInfo } from "../../_lib/history/api";
import { formatTime, formatValue } from "../../_lib/history/points";

const FIELD_LABELS: Record<string, string> = {
  title: "Title",
  modelId: "Model",
  status: "Status",
  confidence: "Confidence",
  owner: "Owner",
  created: "Created",
  removed: "Removed",
};

function describe(entry: CardHistoryEntryInfo): string {
  if (entry.field === "created") return `created “${formatValue(entry.to)}”`;
  if (entry.field === "removed") return "removed it";
  const from = entry.field === "modelId" ? (entry.fromLabel ?? formatValue(entry.from)) : formatValue(entry.from);
  const to = entry.field === "modelId" ? (entry.toLabel ?? formatValue(entry.to)) : formatValue(entry.to);
  return `${FIELD_LABELS[entry.field] ?? entry.field}: ${from} → ${to}`;
}

/** After the tracked fields change, wait this long (typing settles) before asking again. */
const REFRESH_DELAY_MS = 800;

interface InitiativeHistoryProps {
  boardId: string;
  initiativeId: string;
  token: string;
  /** Changes whenever a tracked field of the initiative does, so the list follows live edits. */
  revision?: string;
}

/** One initiative's own history (model, status, confidence, owner, title), for the inspector. */
export function InitiativeHistory({ boardId, initiativeId, token, revision = "" }: InitiativeHistoryProps) {
  const [entries, setEntries] = useState<CardHistoryEntryInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loaded = entries !== null;

  useEffect(() => {
    let cancelled = false;
    const load = () =>
      historyClient({ boardId, token })
        .initiativeHistory(initiativeId)
        .then((fresh) => {
          if (cancelled) return;
          setEntries(fresh);
          setError(null);
        })
        .catch((failure: unknown) => !cancelled && setError(failure instanceof Error ? failure.message : "history unavailable"));
    const timer = setTimeout(load, loaded ? REFRESH_DELAY_MS : 0);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `loaded` only picks the delay: a first load is not a reason to load again.
  }, [boardId, initiativeId, token, revision]);

  if (error) return <p className="text-xs text-rose-600">{error}</p>;
  if (!entries) return <p className="text-xs text-slate-400">Loading history…</p>;
  if (entries.length === 0) return <p className="text-xs text-slate-400">No changes yet.</p>;
  return (
    <ol className="space-y-2 text-xs" data-testid="initiative-history">
      {entries.map((entry) => (
        <li key={`${entry.seq}-${entry.field}`} data-testid="initiative-history-entry">
          <div className="text-slate-800">{describe(entry)}</div>
          {entry.rationale && <div className="italic text-slate-600">“{entry.rationale}”</div>}
          <div className="text-slate-400">
            {entry.author} · {formatTime(entry.at)}
          </div>
        </li>
      ))}
    </ol>
  );
}
