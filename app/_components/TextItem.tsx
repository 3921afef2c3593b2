"use client";

import type { NodeProps } from "@xyflow/react";
import { memo } from "react";
import { DEFAULT_TEXT_COLOR } from "@/lib/board/noteKinds";
import { boardMaps } from "@/lib/board/schema";
import { useBoardSession } from "../_lib/boardContext";
import type { NoteNode } from "../_lib/useBoardGraph";
import { NotePalette } from "./NotePalette";
import { YTextField } from "./YTextField";

/** Free text on the canvas for workshops: words in an ink colour, no sticky behind them. */
function TextItemView({ id, data, selected }: NodeProps<NoteNode>) {
  const { doc, readOnly, editingTitleId, setEditingTitleId } = useBoardSession();
  const item = boardMaps(doc).notes.get(id);
  const editing = editingTitleId === id && !readOnly;
  const color = data.note.color || DEFAULT_TEXT_COLOR;
  return (
    <div
      data-testid="text-item"
      data-color={color}
      className={`min-w-[120px] max-w-[420px] rounded px-1 text-xl font-medium leading-snug ${selected ? "ring-2 ring-indigo-500/50" : ""}`}
      style={{ color }}
    >
      {selected && <NotePalette id={id} kind="text" color={color} />}
      {editing && item ? (
        <YTextField
          item={item}
          field="text"
          multiline
          rows={2}
          autoFocus
          label="Text"
          testId="text-item-input"
          className="nodrag nowheel w-[360px] resize-none bg-white/70 outline-none"
          onKeyDown={(event) => {
            if (event.key === "Escape") setEditingTitleId(null);
            event.stopPropagation();
          }}
          onBlur={() => setEditingTitleId(null)}
        />
      ) : (
        <p
          data-testid="text-item-text"
          className={`whitespace-pre-wrap break-words ${data.note.text ? "" : "italic text-slate-400"}`}
          onDoubleClick={(event) => {
            if (readOnly) return;
            event.stopPropagation();
            setEditingTitleId(id);
          }}
        >
          {data.note.text || (readOnly ? "Empty text" : "Double-click to write")}
        </p>
      )}
    </div>
  );
}

export const TextItem = memo(TextItemView);
