"use client";

import { useEffect, useRef, type KeyboardEvent } from "react";
import { collaborationModes, linkStyle } from "@/lib/board/linkStyle";
import { deleteLink, updateLink } from "@/lib/board/mutations";
import { boardMaps } from "@/lib/board/schema";
import { useBoardSession } from "../_lib/boardContext";
import { useLink } from "../_lib/useLink";
import { DraftInput } from "./DraftInput";
import { INPUT_CLASS } from "./InspectorField";

interface LinkInspectorProps {
  linkId: string;
  /** Changes whenever the label field should take the focus (a double-click or Enter on the link). */
  focusLabelRequest: number;
  onClose: () => void;
}

function endTitle(doc: ReturnType<typeof useBoardSession>["doc"], id: string): string {
  return String(boardMaps(doc).initiatives.get(id)?.get("title") ?? "") || "Untitled initiative";
}

/** Every field of the selected link: label, collaboration mode, purpose, end date, blocking. */
export function LinkInspector({ linkId, focusLabelRequest, onClose }: LinkInspectorProps) {
  const { doc, origin, readOnly, models } = useBoardSession();
  const link = useLink(doc, linkId);
  const labelRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusLabelRequest > 0) labelRef.current?.focus();
  }, [focusLabelRequest]);

  if (!link) return null;
  const write = (fields: Record<string, unknown>) => updateLink(doc, link.id, fields, origin);
  const modes = collaborationModes(models);
  const mode = typeof link.mode === "string" ? link.mode : "";
  const current = mode ? models.get(mode) : undefined;
  const style = linkStyle(link, models);
  const from = endTitle(doc, link.from);
  const to = endTitle(doc, link.to);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <aside
      data-testid="link-inspector"
      aria-label={`Link from ${from} to ${to}`}
      onKeyDown={onKeyDown}
      className="flex w-[360px] shrink-0 flex-col border-l border-slate-200 bg-white"
    >
      <div className="flex items-center justify-between border-b border-slate-100 px-4 py-3">
        <h2 className="text-sm font-semibold text-slate-900">Link</h2>
        <button type="button" onClick={onClose} aria-label="Close link details" className="rounded p-1 text-slate-400 hover:bg-slate-100 hover:text-slate-700">
          <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden>
            <path d="M3 3l8 8M11 3l-8 8" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <div className="flex-1 space-y-4 overflow-y-auto px-4 pb-6 pt-4">
        <p className="flex items-center gap-2 text-xs text-slate-600" data-testid="link-ends">
          <span className="truncate font-medium text-slate-800">{from}</span>
          <svg width="40" height="10" viewBox="0 0 40 10" className="shrink-0" aria-hidden>
            <line x1="0" y1="5" x2="32" y2="5" stroke={style.stroke} strokeWidth={Math.min(style.strokeWidth, 3)} strokeDasharray={style.dash} />
            <path d="M31 1l8 4-8 4z" fill={style.stroke} />
          </svg>
          <span className="truncate font-medium text-slate-800">{to}</span>
        </p>
        <div>
          <label htmlFor="link-label" className="mb-1 block text-xs font-medium text-slate-600">Label</label>
          <DraftInput
            id="link-label"
            ref={labelRef}
            data-testid="link-label"
            className={INPUT_CLASS}
            disabled={readOnly}
            maxLength={500}
            placeholder="What flows along this link?"
            value={link.label}
            onCommit={(raw) => write({ label: raw })}
          />
        </div>
        <div>
          <label htmlFor="link-mode" className="mb-1 block text-xs font-medium text-slate-600">Collaboration mode</label>
          <select id="link-mode" data-testid="link-mode" className={INPUT_CLASS} disabled={readOnly} value={mode} onChange={(event) => write({ mode: event.target.value || undefined })}>
            <option value="">Not set</option>
            {modes.map((model) => (
              <option key={model.id} value={model.id}>{model.name}</option>
            ))}
            {mode && !modes.some((model) => model.id === mode) && <option value={mode}>{current?.name ?? "Removed mode"}</option>}
          </select>
          {current && (
            <p className="mt-1.5 text-xs leading-relaxed text-slate-500" data-testid="link-mode-summary">
              <span className="font-medium text-emerald-700">Good: </span>{current.good} <span className="font-medium text-rose-700">Risk: </span>{current.risk}
            </p>
          )}
        </div>
        <div>
          <label htmlFor="link-purpose" className="mb-1 block text-xs font-medium text-slate-600">Purpose</label>
          <DraftInput
            id="link-purpose"
            data-testid="link-purpose"
            className={INPUT_CLASS}
            disabled={readOnly}
            maxLength={500}
            placeholder="Why these two work together"
            value={typeof link.purpose === "string" ? link.purpose : ""}
            onCommit={(raw) => write({ purpose: raw === "" ? undefined : raw })}
          />
        </div>
        <div>
          <label htmlFor="link-ends-at" className="mb-1 block text-xs font-medium text-slate-600">Ends at</label>
          <input
            id="link-ends-at"
            type="date"
            data-testid="link-ends-at"
            className={INPUT_CLASS}
            disabled={readOnly}
            value={typeof link.endsAt === "string" ? link.endsAt.slice(0, 10) : ""}
            onChange={(event) => write({ endsAt: event.target.value || undefined })}
          />
        </div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            data-testid="link-blocking"
            className="mt-0.5 h-4 w-4 accent-rose-600"
            disabled={readOnly}
            checked={link.blocking === true}
            onChange={(event) => write({ blocking: event.target.checked ? true : undefined })}
          />
          <span>
            Blocking
            <span className="block text-xs text-slate-500">Work on one side waits for the other. Drawn red and heavier.</span>
          </span>
        </label>
        {!readOnly && (
          <button
            type="button"
            data-testid="delete-link"
            onClick={() => {
              deleteLink(doc, link.id, origin);
              onClose();
            }}
            className="mt-4 w-full rounded-md border border-rose-200 px-3 py-1.5 text-xs font-medium text-rose-700 hover:bg-rose-50"
          >
            Delete link
          </button>
        )}
      </div>
    </aside>
  );
}
