"use client";

import { useSession } from "../../_lib/session/context";
import { usePeople } from "./SessionProvider";
import { TimerControl } from "./TimerControl";

function BarButton({ active, testId, onClick, children, disabled }: { active?: boolean; testId: string; onClick: () => void; children: React.ReactNode; disabled?: boolean }) {
  return (
    <button
      type="button"
      data-testid={testId}
      aria-pressed={active}
      disabled={disabled}
      onClick={onClick}
      className={`rounded-md px-2 py-1 text-xs font-medium disabled:opacity-40 ${active ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
    >
      {children}
    </button>
  );
}

/** The facilitation strip over the canvas: timer, vote, comments, gather, follow status. */
export function SessionBar() {
  const { panel, setPanel, readOnly, placingPin, setPlacingPin } = useSession();
  const { peers, followingId, follow, gathering, setGathering } = usePeople();
  const followed = peers.find((peer) => peer.clientId === followingId);
  return (
    <div className="pointer-events-none absolute inset-x-0 top-3 z-20 flex flex-col items-center gap-2">
      <div className="pointer-events-auto flex items-center gap-1 rounded-lg bg-white/95 px-1.5 py-1 shadow-md ring-1 ring-slate-200" data-testid="session-bar">
        <TimerControl />
        <span className="mx-0.5 h-4 w-px bg-slate-200" aria-hidden />
        <BarButton testId="open-vote" active={panel === "vote"} onClick={() => setPanel(panel === "vote" ? null : "vote")}>
          Vote
        </BarButton>
        <BarButton testId="open-comments" active={panel === "comments"} onClick={() => setPanel(panel === "comments" ? null : "comments")}>
          Comments
        </BarButton>
        <BarButton testId="place-pin" active={placingPin} disabled={readOnly} onClick={() => setPlacingPin(!placingPin)}>
          Pin a comment
        </BarButton>
        <span className="mx-0.5 h-4 w-px bg-slate-200" aria-hidden />
        <BarButton testId="gather" active={gathering} onClick={() => setGathering(!gathering)}>
          {gathering ? "Release everyone" : "Bring everyone to me"}
        </BarButton>
      </div>
      {followed && (
        <div data-testid="following" data-name={followed.name} className="pointer-events-auto flex items-center gap-2 rounded-full px-3 py-1 text-xs font-medium text-white shadow" style={{ background: followed.color }}>
          Following {followed.name} — pan or zoom to stop
          <button type="button" onClick={() => follow(null)} className="rounded-full bg-white/25 px-1.5 hover:bg-white/40" aria-label="Stop following">
            ✕
          </button>
        </div>
      )}
      {placingPin && <div className="pointer-events-none rounded-full bg-violet-600 px-3 py-1 text-xs font-medium text-white shadow">Click an empty spot of the canvas to pin a comment (Esc to cancel)</div>}
    </div>
  );
}
