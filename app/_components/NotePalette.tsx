"use client";

import { NodeToolbar, Position } from "@xyflow/react";
import { colorChoicesFor, type NoteKind } from "@/lib/board/noteKinds";
import { deleteNote, updateNote } from "@/lib/board/mutations";
import { useBoardSession } from "../_lib/boardContext";

const KIND_NAMES: Record<NoteKind, string> = { sticky: "note", text: "text", frame: "frame" };

/**
 * The colour choices (and delete) above a single selected note, text or frame (mounted only while
 * it is selected: each React Flow toolbar scans every node on every viewport change). A click writes
 * the colour at once, so everyone on the board sees it change.
 */
export function NotePalette({ id, kind, color }: { id: string; kind: NoteKind; color: string }) {
  const { doc, origin, readOnly } = useBoardSession();
  if (readOnly) return null;
  const name = KIND_NAMES[kind];
  return (
    <NodeToolbar position={Position.Top} offset={kind === "frame" ? 6 : 10} align={kind === "frame" ? "start" : "center"}>
      <div
        role="toolbar"
        aria-label={`Colour of this ${name}`}
        data-testid="note-palette"
        className="flex items-center gap-1 rounded-full bg-white px-2 py-1 shadow-md ring-1 ring-slate-200"
      >
        {colorChoicesFor(kind).map((choice) => (
          <button
            key={choice.value}
            type="button"
            data-testid="palette-color"
            data-color={choice.value}
            aria-label={`${choice.name} ${name}`}
            aria-pressed={choice.value === color}
            title={choice.name}
            onClick={() => updateNote(doc, id, { color: choice.value }, origin)}
            className={`h-5 w-5 rounded-full ring-1 ring-black/10 focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-500 ${choice.value === color ? "ring-2 ring-slate-800 ring-offset-1" : ""}`}
            style={{ background: choice.value }}
          />
        ))}
        <span className="mx-1 h-4 w-px bg-slate-200" aria-hidden />
        <button
          type="button"
          data-testid="palette-delete"
          aria-label={`Delete this ${name}`}
          title={`Delete ${name}`}
          onClick={() => deleteNote(doc, id, origin)}
          className="rounded-full p-1 text-slate-400 hover:bg-rose-50 hover:text-rose-600"
        >
          <svg width="12" height="12" viewBox="0 0 14 14" aria-hidden>
            <path d="M3 4h8M5.5 4V2.5h3V4M4.5 4l.5 8h4l.5-8" stroke="currentColor" strokeWidth="1.4" fill="none" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
        </button>
      </div>
    </NodeToolbar>
  );
}
