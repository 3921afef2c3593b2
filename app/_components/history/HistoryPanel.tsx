"use client";

import { useCallback, useEffect, useState } from "react";
import type { HistoryClient, TimelineGroupInfo, VersionInfo } from "../../_lib/history/api";
import { formatTime, lastMonday, NOW, timePoint, versionPoint, type HistoryPoint } from "../../_lib/history/points";
import type { HistoryView } from "./HistoryDock";

interface HistoryPanelProps {
  client: HistoryClient;
  role: "edit" | "view";
  onView: (view: HistoryView | null) => void;
  onClose: () => void;
  onMessage: (message: string | null) => void;
}

const SINCE_MONDAY = "since-monday";

/** Versions, a scrubber over them, compare, and the grouped stream of changes. */
export function HistoryPanel({ client, role, onView, onClose, onMessage }: HistoryPanelProps) {
  const [versions, setVersions] = useState<VersionInfo[]>([]);
  const [groups, setGroups] = useState<TimelineGroupInfo[]>([]);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [label, setLabel] = useState("");
  const [scrub, setScrub] = useState<number | null>(null);
  const [moment, setMoment] = useState("");
  const [compareFrom, setCompareFrom] = useState(SINCE_MONDAY);
  const [compareTo, setCompareTo] = useState("");
  const [busy, setBusy] = useState(false);

  const report = useCallback((failure: unknown) => onMessage(failure instanceof Error ? failure.message : "request failed"), [onMessage]);

  const reload = useCallback(async () => {
    const [loadedVersions, page] = await Promise.all([client.versions(), client.timeline()]);
    setVersions(loadedVersions);
    setGroups(page.groups);
    setNextBefore(page.nextBefore);
  }, [client]);

  useEffect(() => {
    reload().catch(report);
  }, [reload, report]);

  // Oldest first, then "now": the scrubber's stops.
  const stops: HistoryPoint[] = [...versions].reverse().map(versionPoint).concat(NOW);

  async function show(point: HistoryPoint) {
    setBusy(true);
    try {
      if (point.value === "") onView(null);
      else onView({ kind: "state", point, content: await client.stateAt(point.value) });
      await reload();
    } catch (failure) {
      report(failure);
    } finally {
      setBusy(false);
    }
  }

  function pointFor(value: string): HistoryPoint {
    if (value === SINCE_MONDAY) return timePoint(lastMonday(), "last Monday");
    const version = versions.find((candidate) => candidate.id === value);
    return version ? versionPoint(version) : NOW;
  }

  async function compare(fromValue: string, toValue: string) {
    setBusy(true);
    try {
      const from = pointFor(fromValue);
      const to = pointFor(toValue);
      const [diff, before, after] = await Promise.all([client.changes(from.value, to.value || undefined), client.stateAt(from.value), client.stateAt(to.value || undefined)]);
      onView({ kind: "compare", from, to, diff, before, after });
      // Others keep editing: the list of changes follows what was just compared.
      await reload();
    } catch (failure) {
      report(failure);
    } finally {
      setBusy(false);
    }
  }

  async function save() {
    const trimmed = label.trim();
    if (!trimmed) return;
    try {
      const version = await client.saveVersion(trimmed);
      setLabel("");
      onMessage(`Saved version “${version.label}”.`);
      await reload();
    } catch (failure) {
      report(failure);
    }
  }

  async function loadOlder() {
    if (nextBefore === null) return;
    try {
      const page = await client.timeline(nextBefore);
      setGroups((current) => [...current, ...page.groups]);
      setNextBefore(page.nextBefore);
    } catch (failure) {
      report(failure);
    }
  }

  const scrubIndex = scrub ?? stops.length - 1;
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <header className="flex items-center border-b border-slate-200 px-3 py-2">
        <h2 className="text-sm font-semibold text-slate-900">History</h2>
        {busy && <span className="ml-2 text-xs text-slate-400">loading…</span>}
        <button type="button" onClick={onClose} className="ml-auto rounded px-1.5 text-slate-500 hover:bg-slate-100" aria-label="Close history">
          ×
        </button>
      </header>
      <div className="min-h-0 flex-1 space-y-4 overflow-auto p-3 text-sm">
        {role === "edit" && (
          <form
            className="flex gap-2"
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <input
              data-testid="version-label"
              value={label}
              onChange={(event) => setLabel(event.target.value)}
              placeholder="Name this version, e.g. Q3 planning"
              maxLength={200}
              className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1 text-sm"
            />
            <button type="submit" data-testid="save-version" className="rounded bg-indigo-600 px-2.5 py-1 text-xs font-semibold text-white disabled:opacity-50" disabled={!label.trim()}>
              Save version
            </button>
          </form>
        )}

        <section aria-label="Time travel">
          <h3 className="text-xs font-semibold uppercase text-slate-500">Time travel</h3>
          <input
            type="range"
            data-testid="history-scrubber"
            min={0}
            max={Math.max(0, stops.length - 1)}
            value={scrubIndex}
            onChange={(event) => {
              const index = Number(event.target.value);
              setScrub(index);
              const stop = stops[index];
              if (stop) void show(stop);
            }}
            className="mt-1 w-full"
            aria-valuetext={stops[scrubIndex]?.label}
          />
          <p className="text-xs text-slate-600" data-testid="history-scrubber-label">
            {stops[scrubIndex]?.label ?? "Now"}
          </p>
          <label className="mt-2 flex items-center gap-2 text-xs text-slate-600">
            At a moment
            <input type="datetime-local" data-testid="history-moment" value={moment} onChange={(event) => setMoment(event.target.value)} className="rounded border border-slate-300 px-1 py-0.5" />
            <button type="button" disabled={!moment} onClick={() => void show(timePoint(new Date(moment)))} className="rounded border border-slate-300 px-2 py-0.5 disabled:opacity-50">
              View
            </button>
          </label>
        </section>

        <section aria-label="Compare">
          <h3 className="text-xs font-semibold uppercase text-slate-500">Compare</h3>
          <div className="mt-1 flex items-center gap-1 text-xs">
            <select data-testid="compare-from" value={compareFrom} onChange={(event) => setCompareFrom(event.target.value)} className="min-w-0 flex-1 rounded border border-slate-300 px-1 py-0.5">
              <option value={SINCE_MONDAY}>Since last Monday</option>
              {versions.map((version) => (
                <option key={version.id} value={version.id}>
                  {versionPoint(version).label}
                </option>
              ))}
            </select>
            →
            <select data-testid="compare-to" value={compareTo} onChange={(event) => setCompareTo(event.target.value)} className="min-w-0 flex-1 rounded border border-slate-300 px-1 py-0.5">
              <option value="">Now</option>
              {versions.map((version) => (
                <option key={version.id} value={version.id}>
                  {versionPoint(version).label}
                </option>
              ))}
            </select>
            <button type="button" data-testid="compare-run" onClick={() => void compare(compareFrom, compareTo)} className="rounded bg-slate-800 px-2 py-0.5 font-semibold text-white">
              Compare
            </button>
          </div>
        </section>

        <section aria-label="Versions">
          <h3 className="text-xs font-semibold uppercase text-slate-500">Versions</h3>
          {versions.length === 0 && <p className="text-xs text-slate-400">No versions yet.</p>}
          <ul className="mt-1 divide-y divide-slate-100">
            {versions.map((version) => (
              <li key={version.id} className="py-1.5" data-testid="version-item" data-version-id={version.id}>
                <div className="flex items-baseline gap-2">
                  <span className={`font-medium ${version.kind === "auto" ? "text-slate-500" : "text-slate-900"}`}>{version.label}</span>
                  <span className="ml-auto shrink-0 text-[11px] text-slate-400">{formatTime(version.createdAt)}</span>
                </div>
                <div className="flex items-center gap-2 text-[11px] text-slate-500">
                  <span className="truncate">{version.kind === "auto" ? "automatic" : "saved"} · {version.createdBy}</span>
                  <button type="button" data-testid="version-view" onClick={() => void show(versionPoint(version))} className="ml-auto text-indigo-600 hover:underline">
                    View
                  </button>
                  <button type="button" data-testid="version-compare" onClick={() => void compare(version.id, "")} className="text-indigo-600 hover:underline">
                    Compare with now
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>

        <section aria-label="Changes">
          <h3 className="text-xs font-semibold uppercase text-slate-500">Changes</h3>
          {groups.length === 0 && <p className="text-xs text-slate-400">No changes yet.</p>}
          <ol className="mt-1 space-y-2" data-testid="history-timeline">
            {groups.map((group) => (
              <li key={`${group.fromSeq}-${group.toSeq}`} data-testid="timeline-group">
                <div className="text-[11px] text-slate-400">
                  {group.author} · {formatTime(group.startedAt)}
                </div>
                <ul className="text-xs text-slate-700">
                  {group.lines.map((line, index) => (
                    <li key={index}>{line}</li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
          {nextBefore !== null && (
            <button type="button" onClick={() => void loadOlder()} className="mt-2 text-xs text-indigo-600 hover:underline">
              Older changes
            </button>
          )}
        </section>
      </div>
    </div>
  );
}
