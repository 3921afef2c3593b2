"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { NOTE_HEIGHT, NOTE_WIDTH } from "@/lib/board/geometry";
import { boardMaps } from "@/lib/board/schema";
import { useBoardSession } from "../_lib/boardContext";
import type { NoteNode } from "../_lib/useBoardGraph";
import { NotePalette } from "./NotePalette";
import { YTextField } from "./YTextField";

function NoteCardView({ id, data, selected }: NodeProps<NoteNode>) {
  const { doc, readOnly, editingTitleId, setEditingTitleId } = useBoardSession();
  const item = boardMaps(doc).notes.get(id);
  const editing = editingTitleId === id && !readOnly;
  return (
    <div
      data-testid="note-card"
      className={`flex flex-col rounded-sm p-3 text-sm leading-snug text-slate-800 shadow-md ${selected ? "ring-2 ring-indigo-500/60" : ""}`}
      data-color={data.note.color}
      style={{ width: NOTE_WIDTH, minHeight: NOTE_HEIGHT, background: data.note.color }}
    >
      {selected && <NotePalette id={id} kind="sticky" color={data.note.color} />}
      {editing && item ? (
        <YTextField
          item={item}
          field="text"
          multiline
          rows={5}
          autoFocus
          label="Note text"
          testId="note-text-input"
          className="nodrag nowheel w-full resize-none bg-transparent outline-none"
          onKeyDown={(event) => {
            if (event.key === "Escape") setEditingTitleId(null);
            event.stopPropagation();
          }}
          onBlur={() => setEditingTitleId(null)}
        />
      ) : (
        <p
          className={`flex-1 whitespace-pre-wrap break-words ${data.note.text ? "" : "italic text-slate-500"}`}
          onDoubleClick={(event) => {
            if (readOnly) return;
            event.stopPropagation();
            setEditingTitleId(id);
          }}
        >
          {data.note.text || (readOnly ? "Empty note" : "Double-click to write")}
        </p>
      )}
    </div>
  );
}

export const NoteCard = memo(NoteCardView);
