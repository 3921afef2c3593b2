"use client";

import { useStore, type InternalNode } from "@xyflow/react";
import { openThreadCounts, readThreads, type ThreadContent } from "@/lib/session/comments";
import { activeVote, dotCounts, latestVote, readVotes, type VoteContent } from "@/lib/session/votes";
import { useSession } from "../../_lib/session/context";
import { useDocValue, useNow } from "../../_lib/session/useDocValue";
import { usePeople } from "./SessionProvider";
import { BoardViewportPortal } from "../BoardViewportPortal";

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function boxOf(node: InternalNode | undefined): Box | null {
  if (!node) return null;
  const { x, y } = node.internals.positionAbsolute;
  return { x, y, width: node.measured.width ?? node.width ?? 240, height: node.measured.height ?? node.height ?? 96 };
}

/**
 * Everything the session draws on the board, in board coordinates so it stays on its card at
 * any zoom: vote dots, open-thread counts, "typing" tags, since-last-visit outlines and comment
 * pins on free spots of the canvas.
 */
export function CanvasOverlay({ highlightIds }: { highlightIds: readonly string[] }) {
  const { doc, setPanel, setCommentTarget, voter } = useSession();
  const { peers } = usePeople();
  const nodeLookup = useStore((state) => state.nodeLookup);
  useStore((state) => state.nodes);
  const votes = useDocValue(doc, "votes", readVotes);
  const threads = useDocValue(doc, "comments", readThreads);
  const now = useNow(votes.some((vote) => vote.closedAt === null && vote.endsAt !== null), 1000);
  const vote: VoteContent | null = activeVote(votes, now) ?? latestVote(votes);
  const counts = vote ? dotCounts(vote) : new Map<string, number>();
  const mine = new Map<string, number>();
  if (vote) for (const dot of vote.dots) if (dot.voterId === voter.id) mine.set(dot.initiativeId, (mine.get(dot.initiativeId) ?? 0) + 1);
  const openThreads = openThreadCounts(threads);
  const pins = threads.filter((thread): thread is ThreadContent & { x: number; y: number } => thread.initiativeId === null && thread.x !== null && thread.y !== null);
  const openCard = (id: string) => {
    setCommentTarget({ kind: "initiative", id });
    setPanel("comments");
  };

  return (
    <BoardViewportPortal>
      {highlightIds.map((id) => {
        const box = boxOf(nodeLookup.get(id));
        return box ? (
          <div
            key={`changed-${id}`}
            data-testid="since-visit-highlight"
            data-id={id}
            className="pointer-events-none absolute rounded-xl border-2 border-dashed border-amber-500 bg-amber-200/15"
            style={{ transform: `translate(${box.x - 6}px, ${box.y - 6}px)`, width: box.width + 12, height: box.height + 12 }}
          />
        ) : null;
      })}
      {[...counts].map(([id, count]) => {
        const box = boxOf(nodeLookup.get(id));
        return box ? (
          <div
            key={`dots-${id}`}
            data-testid="vote-dots"
            data-id={id}
            data-count={count}
            title={`${count} dot${count === 1 ? "" : "s"}${mine.get(id) ? `, ${mine.get(id)} yours` : ""}`}
            className="pointer-events-none absolute z-10 flex h-7 min-w-7 items-center justify-center rounded-full bg-indigo-600 px-1.5 text-xs font-bold text-white shadow-md ring-2 ring-white"
            style={{ transform: `translate(${box.x + box.width - 16}px, ${box.y - 12}px)` }}
          >
            {count}
            {mine.get(id) ? <span className="ml-0.5 h-1.5 w-1.5 rounded-full bg-amber-300" aria-hidden /> : null}
          </div>
        ) : null;
      })}
      {[...openThreads].map(([id, count]) => {
        const box = boxOf(nodeLookup.get(id));
        return box ? (
          <button
            type="button"
            key={`threads-${id}`}
            data-testid="thread-count"
            data-id={id}
            data-count={count}
            onClick={() => openCard(id)}
            aria-label={`${count} open comment thread${count === 1 ? "" : "s"}`}
            className="pointer-events-auto absolute z-10 flex items-center gap-1 rounded-full bg-white px-1.5 py-0.5 text-[11px] font-semibold text-slate-700 shadow ring-1 ring-slate-200 hover:bg-slate-50"
            style={{ transform: `translate(${box.x + box.width - 30}px, ${box.y + box.height - 10}px)` }}
          >
            <svg width="11" height="11" viewBox="0 0 16 16" aria-hidden>
              <path d="M2 3h12v8H6l-3 3v-3H2z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
            </svg>
            {count}
          </button>
        ) : null;
      })}
      {peers.map((peer) => {
        const box = peer.typing ? boxOf(nodeLookup.get(peer.typing.id)) : null;
        return box && peer.typing ? (
          <div
            key={`typing-${peer.clientId}`}
            data-testid="typing-indicator"
            data-id={peer.typing.id}
            className="pointer-events-none absolute z-10 rounded px-1.5 py-0.5 text-[10px] font-medium whitespace-nowrap text-white shadow"
            style={{ transform: `translate(${box.x + 8}px, ${box.y + box.height + 4}px)`, background: peer.color }}
          >
            {peer.name} is typing in {peer.typing.field}…
          </div>
        ) : null;
      })}
      {pins.map((thread) => (
        <button
          type="button"
          key={thread.id}
          data-testid="comment-pin"
          data-thread-id={thread.id}
          onClick={() => {
            setCommentTarget({ kind: "thread", id: thread.id });
            setPanel("comments");
          }}
          aria-label={`Comment by ${thread.createdBy}: ${thread.comments[0]?.text ?? ""}`}
          className={`pointer-events-auto absolute z-10 flex h-7 w-7 -translate-x-1/2 items-center justify-center rounded-full rounded-bl-none text-[11px] font-bold text-white shadow-md ring-2 ring-white ${thread.resolved ? "bg-slate-400" : "bg-violet-600"}`}
          style={{ left: thread.x, top: thread.y - 28 }}
        >
          {thread.comments.length}
        </button>
      ))}
    </BoardViewportPortal>
  );
}
