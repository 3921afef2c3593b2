import type { Hint } from "@/lib/board/hints";

/**
 * A small amber badge on a card naming how many hints concern it; the messages are its
 * tooltip and accessible name. Hints are observations, so the badge informs, never blocks.
 */
export function HintBadge({ hints }: { hints: readonly Hint[] | undefined }) {
  if (!hints || hints.length === 0) return null;
  const text = hints.map((hint) => hint.message).join("\n");
  return (
    <span
      data-testid="hint-badge"
      data-count={hints.length}
      title={text}
      aria-label={`${hints.length} hint${hints.length === 1 ? "" : "s"}: ${text}`}
      className="absolute -right-2 -top-2 z-10 flex h-5 min-w-5 items-center justify-center gap-0.5 rounded-full bg-amber-400 px-1 text-[10px] font-bold text-amber-950 shadow ring-2 ring-white"
    >
      <svg width="9" height="9" viewBox="0 0 16 16" aria-hidden>
        <path d="M8 1.5l7 12.5H1z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
        <path d="M8 6.5v3.5M8 12v.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
      </svg>
      {hints.length}
    </span>
  );
}
