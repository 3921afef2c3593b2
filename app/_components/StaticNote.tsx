import { NOTE_HEIGHT, NOTE_WIDTH } from "../../lib/board/geometry";
import { DEFAULT_FRAME_COLOR, DEFAULT_TEXT_COLOR, frameBox, noteKindOf } from "../../lib/board/noteKinds";
import type { NoteContent } from "../../lib/board/types";

const SAFE_COLOR = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30})$/;

function colorOf(value: string, fallback: string): string {
  return SAFE_COLOR.test(value) ? value : fallback;
}

interface StaticNoteProps {
  note: NoteContent;
  left: number;
  top: number;
  className?: string;
  testId?: string;
  mark?: string;
}

/**
 * A note, free text or frame drawn read-only without scripts (snapshot pages, history
 * previews): frames as tinted titled rectangles, text as plain words, stickies as squares.
 */
export function StaticNote({ note, left, top, className = "", testId, mark }: StaticNoteProps) {
  const kind = noteKindOf(note);
  if (kind === "frame") {
    const box = frameBox(note);
    const color = colorOf(note.color, DEFAULT_FRAME_COLOR);
    return (
      <div
        data-testid={testId}
        data-mark={mark}
        data-kind="frame"
        className={`absolute rounded-xl border-2 ${className}`}
        style={{ left, top, width: box.width, height: box.height, borderColor: color, background: `color-mix(in srgb, ${color} 30%, transparent)` }}
      >
        <span className="inline-block max-w-full truncate rounded-br-lg px-3 py-1 text-sm font-semibold text-slate-700" style={{ background: color }}>
          {note.text || "Untitled frame"}
        </span>
      </div>
    );
  }
  if (kind === "text") {
    return (
      <div
        data-testid={testId}
        data-mark={mark}
        data-kind="text"
        className={`absolute w-max max-w-[420px] whitespace-pre-wrap text-xl font-medium leading-snug ${className}`}
        style={{ left, top, color: colorOf(note.color, DEFAULT_TEXT_COLOR) }}
      >
        {note.text}
      </div>
    );
  }
  return (
    <div
      data-testid={testId}
      data-mark={mark}
      data-kind="sticky"
      className={`absolute overflow-hidden whitespace-pre-wrap p-3 text-xs leading-relaxed text-slate-800 shadow-sm ${className}`}
      style={{ left, top, width: NOTE_WIDTH, minHeight: NOTE_HEIGHT, background: colorOf(note.color, "#fde68a") }}
    >
      {note.text}
    </div>
  );
}
