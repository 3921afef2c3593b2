"use client";

import type { BoardDiff } from "@/lib/board/diff";
import type { BoardContent, InitiativeContent, NoteContent } from "@/lib/board/types";
import { framesFirst } from "@/lib/board/noteKinds";
import { CARD_HEIGHT, CARD_WIDTH } from "@/lib/board/geometry";
import { StaticNote } from "../StaticNote";

const PADDING = 60;

type Mark = "added" | "removed" | "changed" | "moved";

interface BoardPreviewProps {
  content: BoardContent;
  /** When given, the content is the diff's later state and changes are drawn over it. */
  diff?: BoardDiff | null;
  /** The diff's earlier state: removed items are drawn from it as ghosts, moves as trails. */
  before?: BoardContent | null;
}

const MARK_STYLES: Record<Mark, string> = {
  added: "ring-2 ring-emerald-500",
  removed: "opacity-40 border-dashed ring-2 ring-rose-400",
  changed: "ring-2 ring-amber-400",
  moved: "ring-2 ring-sky-400",
};

function marksOf(diff: BoardDiff | null | undefined): Map<string, Mark> {
  const marks = new Map<string, Mark>();
  if (!diff) return marks;
  for (const item of diff.added) marks.set(item.id, "added");
  for (const item of diff.removed) marks.set(item.id, "removed");
  for (const change of diff.changed) {
    const onlyMoved = Object.keys(change.fields).every((name) => name === "x" || name === "y");
    marks.set(change.id, onlyMoved ? "moved" : "changed");
  }
  return marks;
}

/**
 * A read-only rendering of board content as it was at some point, drawn like the live canvas
 * (same card size, model stripe, owner and status) but without touching the live document.
 */
export function BoardPreview({ content, diff, before }: BoardPreviewProps) {
  const marks = marksOf(diff);
  const ghosts: InitiativeContent[] = [];
  const ghostNotes: NoteContent[] = [];
  for (const item of diff?.removed ?? []) {
    if (item.kind === "initiative" && before?.initiatives[item.id]) ghosts.push(before.initiatives[item.id] as InitiativeContent);
    if (item.kind === "note" && before?.notes[item.id]) ghostNotes.push(before.notes[item.id] as NoteContent);
  }
  const initiatives = [...Object.values(content.initiatives), ...ghosts];
  const notes = [...Object.values(content.notes), ...ghostNotes];
  const trails = (diff?.changed ?? []).flatMap((change) => {
    const old = before?.initiatives[change.id];
    const now = content.initiatives[change.id];
    if (!old || !now || (old.x === now.x && old.y === now.y)) return [];
    return [{ id: change.id, from: old, to: now }];
  });
  const xs = [...initiatives.map((i) => i.x), ...notes.map((n) => n.x)];
  const ys = [...initiatives.map((i) => i.y), ...notes.map((n) => n.y)];
  const minX = Math.min(0, ...xs) - PADDING;
  const minY = Math.min(0, ...ys) - PADDING;
  const width = Math.max(400, ...xs.map((x) => x + CARD_WIDTH)) - minX + PADDING;
  const height = Math.max(300, ...ys.map((y) => y + CARD_HEIGHT)) - minY + PADDING;
  const center = (item: { x: number; y: number }) => ({ x: item.x - minX + CARD_WIDTH / 2, y: item.y - minY + CARD_HEIGHT / 2 });

  return (
    <div data-testid="history-preview" className="h-full w-full overflow-auto bg-slate-50" aria-label="Board as it was (read-only)">
      <div className="relative" style={{ width, height }}>
        <svg className="pointer-events-none absolute inset-0" width={width} height={height} aria-hidden>
          {Object.values(content.links).map((link) => {
            const from = content.initiatives[link.from];
            const to = content.initiatives[link.to];
            if (!from || !to) return null;
            const a = center(from);
            const b = center(to);
            return <line key={link.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#94a3b8" strokeWidth={1.5} />;
          })}
          {trails.map((trail) => {
            const a = center(trail.from);
            const b = center(trail.to);
            return <line key={`trail-${trail.id}`} data-testid="preview-trail" x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#38bdf8" strokeWidth={2} strokeDasharray="6 4" />;
          })}
        </svg>
        {framesFirst(notes).map((note) => (
          <StaticNote
            key={note.id}
            note={note}
            left={note.x - minX}
            top={note.y - minY}
            testId="preview-note"
            mark={marks.get(note.id) ?? ""}
            className={`rounded-md ${marks.has(note.id) ? MARK_STYLES[marks.get(note.id) as Mark] : ""}`}
          />
        ))}
        {initiatives.map((initiative) => (
          <PreviewCard key={initiative.id} initiative={initiative} content={content} before={before} mark={marks.get(initiative.id)} left={initiative.x - minX} top={initiative.y - minY} />
        ))}
      </div>
    </div>
  );
}

function PreviewCard(props: { initiative: InitiativeContent; content: BoardContent; before?: BoardContent | null; mark?: Mark; left: number; top: number }) {
  const { initiative, content, before, mark, left, top } = props;
  const model = initiative.modelId ? (content.models[initiative.modelId] ?? before?.models[initiative.modelId]) : undefined;
  return (
    <div
      data-testid="preview-card"
      data-initiative-id={initiative.id}
      data-mark={mark ?? ""}
      className={`absolute rounded-lg border border-slate-200 bg-white text-left shadow-sm ${mark ? MARK_STYLES[mark] : ""}`}
      style={{ left, top, width: CARD_WIDTH }}
    >
      <div className="absolute inset-y-0 left-0 w-1.5 rounded-l-lg" style={{ background: model?.color ?? "#cbd5e1" }} aria-hidden />
      <div className="py-2.5 pl-4 pr-3">
        <div className="flex items-center gap-1.5 text-xs text-slate-600">
          <span className="h-2 w-2 shrink-0 rounded-full" style={{ background: model?.color ?? "transparent", border: model ? "none" : "1px dashed #94a3b8" }} aria-hidden />
          <span data-testid="preview-card-model" className={`truncate ${model ? "font-medium" : "italic text-slate-400"}`}>
            {model?.name ?? "No model"}
          </span>
          {mark && <span className="ml-auto rounded bg-slate-100 px-1 text-[10px] font-semibold uppercase text-slate-500">{mark}</span>}
        </div>
        <p data-testid="preview-card-title" className="mt-1 line-clamp-3 text-sm font-semibold leading-snug text-slate-900">
          {initiative.title || "Untitled initiative"}
        </p>
        <div className="mt-2 flex items-center gap-2 text-xs text-slate-500">
          <span className="min-w-0 flex-1 truncate">{initiative.owner || "No owner"}</span>
          <span className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[10px] font-medium">{initiative.status || "—"}</span>
        </div>
      </div>
    </div>
  );
}
