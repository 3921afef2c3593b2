"use client";

import { useState, type FormEvent } from "react";
import type * as Y from "yjs";
import { boardMaps } from "@/lib/board/schema";
import { addReply, createThread, orphanedThreads, readThreads, setThreadDecision, setThreadResolved, type ThreadContent } from "@/lib/session/comments";
import { useSession } from "../../_lib/session/context";
import { useDocValue } from "../../_lib/session/useDocValue";
import { PanelFrame } from "./PanelFrame";

function readInitiativeTitles(doc: Y.Doc): Map<string, string> {
  const titles = new Map<string, string>();
  boardMaps(doc).initiatives.forEach((map, id) => titles.set(id, String(map.get("title") ?? "") || "Untitled initiative"));
  return titles;
}

function time(at: number): string {
  return new Date(at).toLocaleString(undefined, { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit" });
}

function Composer({ placeholder, submitLabel, testId, onSubmit }: { placeholder: string; submitLabel: string; testId: string; onSubmit: (text: string) => void }) {
  const [text, setText] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    onSubmit(text);
    setText("");
  };
  return (
    <form onSubmit={submit} className="mt-2 flex gap-1.5">
      <textarea
        data-testid={testId}
        value={text}
        rows={2}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) submit(event);
        }}
        placeholder={placeholder}
        className="min-w-0 flex-1 resize-none rounded-md border border-slate-300 px-2 py-1 text-xs outline-none focus:border-indigo-500"
      />
      <button type="submit" data-testid={`${testId}-send`} className="self-end rounded-md bg-indigo-600 px-2 py-1 text-xs font-semibold text-white hover:bg-indigo-500">
        {submitLabel}
      </button>
    </form>
  );
}

function Thread({ thread, title }: { thread: ThreadContent; title: string | null }) {
  const { doc, origin, readOnly, user } = useSession();
  return (
    <article data-testid="thread" data-thread-id={thread.id} data-resolved={thread.resolved} className={`rounded-lg border p-2.5 ${thread.decision ? "border-emerald-300 bg-emerald-50/50" : "border-slate-200"} ${thread.resolved ? "opacity-70" : ""}`}>
      <div className="mb-1.5 flex flex-wrap items-center gap-1 text-[10px] font-semibold uppercase tracking-wide text-slate-400">
        {title !== null ? <span className="normal-case tracking-normal text-slate-600">{title}</span> : <span>On the canvas</span>}
        {thread.decision && <span className="rounded bg-emerald-600 px-1 text-white" data-testid="thread-decision">Decision</span>}
        {thread.resolved && <span className="rounded bg-slate-500 px-1 text-white">Resolved{thread.resolvedBy ? ` by ${thread.resolvedBy}` : ""}</span>}
      </div>
      <ul className="space-y-1.5">
        {thread.comments.map((comment) => (
          <li key={comment.id} data-testid="comment" className="text-xs">
            <span className="font-semibold text-slate-800">{comment.author}</span> <span className="text-[10px] text-slate-400">{time(comment.at)}</span>
            <p className="whitespace-pre-wrap text-slate-700">{comment.text}</p>
          </li>
        ))}
      </ul>
      {!readOnly && (
        <>
          {!thread.resolved && <Composer placeholder="Reply…" submitLabel="Reply" testId="reply-input" onSubmit={(text) => addReply(doc, thread.id, { text, author: user.name, now: Date.now() }, origin)} />}
          <div className="mt-2 flex gap-2 text-[11px] font-medium">
            <button type="button" data-testid="thread-resolve" onClick={() => setThreadResolved(doc, thread.id, !thread.resolved, user.name, origin)} className="text-indigo-700 hover:underline">
              {thread.resolved ? "Reopen" : "Resolve"}
            </button>
            <button type="button" data-testid="thread-mark-decision" onClick={() => setThreadDecision(doc, thread.id, !thread.decision, origin)} className="text-emerald-700 hover:underline">
              {thread.decision ? "Not the decision" : "Mark as decision"}
            </button>
          </div>
        </>
      )}
    </article>
  );
}

/** Threads on the focused card or canvas spot, then every other thread, then orphaned ones. */
export function CommentsPanel({ selectedId }: { selectedId: string | null }) {
  const { doc, origin, readOnly, user, commentTarget, setCommentTarget, setPanel } = useSession();
  const threads = useDocValue(doc, "comments", readThreads);
  const titles = readInitiativeTitles(doc);
  const focusedCard = commentTarget?.kind === "initiative" ? commentTarget.id : selectedId && titles.has(selectedId) ? selectedId : null;
  const focusedThread = commentTarget?.kind === "thread" ? commentTarget.id : null;
  const orphans = orphanedThreads(threads, new Set(titles.keys()));
  const orphanIds = new Set(orphans.map((thread) => thread.id));
  const focused = threads.filter((thread) => (focusedCard && thread.initiativeId === focusedCard) || thread.id === focusedThread);
  const others = threads.filter((thread) => !focused.includes(thread) && !orphanIds.has(thread.id));
  const titleOf = (thread: ThreadContent) => (thread.initiativeId ? (titles.get(thread.initiativeId) ?? "Deleted initiative") : null);

  return (
    <PanelFrame
      title="Comments"
      testId="comments-panel"
      onClose={() => {
        setPanel(null);
        setCommentTarget(null);
      }}
    >
      {focusedCard && (
        <section className="mb-3">
          <h3 className="mb-1 text-xs font-semibold text-slate-700">On “{titles.get(focusedCard)}”</h3>
          {!readOnly && (
            <Composer placeholder="Start a thread on this initiative…" submitLabel="Post" testId="new-thread-input" onSubmit={(text) => createThread(doc, { initiativeId: focusedCard, text, author: user.name, now: Date.now() }, origin)} />
          )}
        </section>
      )}
      {commentTarget?.kind === "spot" && !readOnly && (
        <section className="mb-3">
          <h3 className="mb-1 text-xs font-semibold text-slate-700">New comment on the canvas</h3>
          <Composer
            placeholder="Comment on this spot…"
            submitLabel="Post"
            testId="new-thread-input"
            onSubmit={(text) => {
              const id = createThread(doc, { x: commentTarget.x, y: commentTarget.y, text, author: user.name, now: Date.now() }, origin);
              if (id) setCommentTarget({ kind: "thread", id });
            }}
          />
        </section>
      )}
      <div className="space-y-2">
        {focused.map((thread) => (
          <Thread key={thread.id} thread={thread} title={titleOf(thread)} />
        ))}
      </div>
      {others.length > 0 && (
        <section className="mt-4">
          <h3 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-400">{focused.length || focusedCard ? "Other threads" : "All threads"}</h3>
          <div className="space-y-2">
            {others.map((thread) => (
              <Thread key={thread.id} thread={thread} title={titleOf(thread)} />
            ))}
          </div>
        </section>
      )}
      {orphans.length > 0 && (
        <section className="mt-4" data-testid="orphaned-threads">
          <h3 className="mb-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-400">On deleted initiatives</h3>
          <div className="space-y-2">
            {orphans.map((thread) => (
              <Thread key={thread.id} thread={thread} title="Deleted initiative" />
            ))}
          </div>
        </section>
      )}
      {threads.length === 0 && !focusedCard && commentTarget?.kind !== "spot" && (
        <p className="text-xs text-slate-500">No comments yet. Select a card and comment on it, or use “Pin a comment” to drop one on the canvas.</p>
      )}
    </PanelFrame>
  );
}
