"use client";

import { useEffect, useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { boardMaps } from "@/lib/board/schema";
import { formatRemaining } from "@/lib/session/timer";
import {
  activeVote,
  castDot,
  closeVote,
  dotsLeft,
  latestVote,
  rankVote,
  readVotes,
  removeDot,
  startVote as startVoteInDoc,
  type VoteContent,
  type VoteSettings,
} from "@/lib/session/votes";
import { useSession } from "../../_lib/session/context";
import { useDocValue, useNow } from "../../_lib/session/useDocValue";
import { PanelFrame } from "./PanelFrame";

function initiativeTitles(doc: Y.Doc): Map<string, string> {
  const titles = new Map<string, string>();
  boardMaps(doc).initiatives.forEach((map, id) => titles.set(id, String(map.get("title") ?? "") || "Untitled initiative"));
  return titles;
}

function StartVoteForm({ onStart }: { onStart: (settings: VoteSettings) => void }) {
  const [title, setTitle] = useState("");
  const [votesPerPerson, setVotesPerPerson] = useState(3);
  const [minutes, setMinutes] = useState(0);
  const [anonymous, setAnonymous] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onStart({ title, votesPerPerson, durationMs: minutes > 0 ? minutes * 60_000 : null, anonymous });
  };
  const field = "mt-1 w-full rounded-md border border-slate-300 px-2 py-1 text-sm outline-none focus:border-indigo-500";
  return (
    <form onSubmit={submit} className="space-y-3 text-xs text-slate-600" data-testid="vote-start-form">
      <label className="block font-medium">
        Question
        <input data-testid="vote-title" value={title} onChange={(event) => setTitle(event.target.value)} placeholder="What should we fund next?" className={field} />
      </label>
      <div className="flex gap-3">
        <label className="block flex-1 font-medium">
          Dots each
          <input data-testid="vote-per-person" type="number" min={1} max={20} value={votesPerPerson} onChange={(event) => setVotesPerPerson(Number(event.target.value) || 1)} className={field} />
        </label>
        <label className="block flex-1 font-medium">
          Time box (min, 0 = none)
          <input data-testid="vote-minutes" type="number" min={0} max={120} value={minutes} onChange={(event) => setMinutes(Number(event.target.value) || 0)} className={field} />
        </label>
      </div>
      <label className="flex items-center gap-2 font-medium">
        <input data-testid="vote-anonymous" type="checkbox" checked={anonymous} onChange={(event) => setAnonymous(event.target.checked)} />
        Anonymous (hide who voted for what)
      </label>
      <button type="submit" data-testid="vote-start" className="w-full rounded-md bg-indigo-600 py-1.5 text-xs font-semibold text-white hover:bg-indigo-500">
        Start vote
      </button>
    </form>
  );
}

/** Start a dot vote, watch the ranking fill in, close it; the result stays in the board. */
export function VotePanel() {
  const { doc, origin, readOnly, user, voter, voting, setVoting, setPanel } = useSession();
  const votes = useDocValue(doc, "votes", readVotes);
  const [starting, setStarting] = useState(false);
  const now = useNow(votes.some((vote) => vote.closedAt === null && vote.endsAt !== null), 500);
  const open = activeVote(votes, now);
  const shown: VoteContent | null = open ?? latestVote(votes);
  const titles = initiativeTitles(doc);

  // A time box that ran out is closed (and its ranking frozen) by whoever sees it first.
  useEffect(() => {
    const expired = votes.find((vote) => !vote.result && vote.endsAt !== null && now >= vote.endsAt);
    if (expired && !readOnly) closeVote(doc, expired.id, initiativeTitles(doc), now, origin);
  }, [votes, now, doc, origin, readOnly]);

  const ranking = shown ? (shown.result ?? rankVote(shown, titles)) : [];
  const left = open ? dotsLeft(open, voter.id) : 0;

  return (
    <PanelFrame title="Dot vote" testId="vote-panel" onClose={() => setPanel(null)}>
      {(!shown || starting) && !readOnly ? (
        <StartVoteForm
          onStart={(settings) => {
            startVoteInDoc(doc, settings, user.name, Date.now(), origin);
            setVoting(true);
            setStarting(false);
          }}
        />
      ) : null}
      {shown && !starting && (
        <div className="space-y-3">
          <div>
            <p className="text-sm font-semibold text-slate-900" data-testid="vote-question">
              {shown.title}
            </p>
            <p className="text-xs text-slate-500">
              {shown.votesPerPerson} dots each · {shown.anonymous ? "anonymous" : "named"} · started by {shown.startedBy}
              {open && open.endsAt !== null ? ` · ${formatRemaining(open.endsAt - now)} left` : ""}
            </p>
          </div>
          {open ? (
            <div className="rounded-md bg-indigo-50 p-2 text-xs text-indigo-900" data-testid="vote-status" data-dots-left={left}>
              {readOnly ? "Voting is open (view links cannot vote)." : `${left} of ${open.votesPerPerson} dots left. `}
              {!readOnly && (
                <label className="mt-1 flex items-center gap-2 font-medium">
                  <input type="checkbox" data-testid="vote-mode" checked={voting} onChange={(event) => setVoting(event.target.checked)} />
                  Click cards to place dots (Alt+click takes one back)
                </label>
              )}
            </div>
          ) : (
            <p className="rounded-md bg-slate-100 p-2 text-xs font-medium text-slate-700" data-testid="vote-closed">
              Closed — the result is saved in the board&apos;s history.
            </p>
          )}
          <ol className="space-y-1" data-testid="vote-ranking">
            {ranking.length === 0 && <li className="text-xs italic text-slate-400">No dots yet.</li>}
            {ranking.map((entry, index) => (
              <li key={entry.initiativeId} data-testid="vote-rank" data-id={entry.initiativeId} data-count={entry.count} className="flex items-center gap-2 text-xs">
                <span className="w-4 text-right font-semibold text-slate-400">{index + 1}</span>
                <span className="min-w-0 flex-1">
                  <span className="block truncate font-medium text-slate-800" data-testid="vote-rank-title">
                    {entry.title}
                  </span>
                  {entry.voters.length > 0 && <span className="block truncate text-[10px] text-slate-500">{entry.voters.join(", ")}</span>}
                </span>
                <span className="rounded-full bg-indigo-600 px-2 py-0.5 text-[11px] font-bold text-white">{entry.count}</span>
                {open && !readOnly && (
                  <span className="flex">
                    <button type="button" aria-label={`Take a dot back from ${entry.title}`} onClick={() => removeDot(doc, open.id, voter.id, entry.initiativeId, Date.now(), origin)} className="rounded px-1 text-slate-500 hover:bg-slate-100">
                      −
                    </button>
                    <button type="button" aria-label={`Add a dot to ${entry.title}`} disabled={left === 0} onClick={() => castDot(doc, open.id, voter, entry.initiativeId, Date.now(), origin)} className="rounded px-1 text-slate-500 hover:bg-slate-100 disabled:opacity-30">
                      +
                    </button>
                  </span>
                )}
              </li>
            ))}
          </ol>
          {!readOnly && (
            <div className="flex gap-2">
              {open ? (
                <button type="button" data-testid="vote-close" onClick={() => closeVote(doc, open.id, titles, Date.now(), origin)} className="flex-1 rounded-md border border-slate-300 py-1.5 text-xs font-semibold text-slate-700 hover:bg-slate-50">
                  Close vote
                </button>
              ) : (
                <button type="button" data-testid="vote-new" onClick={() => setStarting(true)} className="flex-1 rounded-md border border-slate-300 py-1.5 text-xs font-semibold text-slate-700 hover:bg-slate-50">
                  New vote
                </button>
              )}
            </div>
          )}
        </div>
      )}
    </PanelFrame>
  );

}

