"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { rememberBoard, saveShareLinks } from "../_lib/boardLinks";

const TEMPLATES = [
  { id: "blank", label: "Blank board", hint: "Start from an empty canvas with the model library." },
  { id: "sample-portfolio", label: "Sample leadership portfolio", hint: "About 25 initiatives across models." },
  { id: "close-far-workshop", label: "Close → far workshop", hint: "Rings by distance from customer." },
] as const;

interface CreatedBoard {
  id: string;
  title: string;
  editUrl: string;
  viewUrl: string;
}

export function NewBoardForm() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const [template, setTemplate] = useState<string>("blank");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function createBoard(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    try {
      const response = await fetch("/api/boards", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ template, ...(title.trim() ? { title: title.trim() } : {}) }),
      });
      if (!response.ok) throw new Error(`The server answered ${response.status}`);
      const board = (await response.json()) as CreatedBoard;
      saveShareLinks(board.id, { editUrl: board.editUrl, viewUrl: board.viewUrl });
      rememberBoard({ id: board.id, title: board.title, url: board.editUrl, role: "edit", openedAt: new Date().toISOString() });
      const target = new URL(board.editUrl, window.location.href);
      // Same-origin links navigate inside the app; the fragment keeps the token out of requests.
      if (target.origin === window.location.origin) router.push(target.pathname + target.search + target.hash);
      else window.location.assign(target.href);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : "Could not create the board");
      setPending(false);
    }
  }

  return (
    <form
      onSubmit={createBoard}
      className="rounded-xl border border-slate-200 bg-white p-6 shadow-sm"
      aria-labelledby="new-board-heading"
    >
      <h2 id="new-board-heading" className="text-base font-semibold text-slate-900">
        Start a board
      </h2>
      <label className="mt-4 block text-sm font-medium text-slate-700" htmlFor="new-board-title">
        Title <span className="font-normal text-slate-400">(optional)</span>
      </label>
      <input
        id="new-board-title"
        data-testid="new-board-title"
        value={title}
        onChange={(event) => setTitle(event.target.value)}
        placeholder="Q3 portfolio review"
        maxLength={200}
        className="mt-1.5 w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-xs placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none"
      />
      <fieldset className="mt-5">
        <legend className="text-sm font-medium text-slate-700">Template</legend>
        <div className="mt-2 space-y-2">
          {TEMPLATES.map((option) => (
            <label
              key={option.id}
              className={`flex cursor-pointer gap-3 rounded-lg border px-3 py-2.5 text-sm transition ${
                template === option.id ? "border-indigo-500 bg-indigo-50/60" : "border-slate-200 hover:border-slate-300"
              }`}
            >
              <input
                type="radio"
                name="template"
                value={option.id}
                data-testid={`template-${option.id}`}
                checked={template === option.id}
                onChange={() => setTemplate(option.id)}
                className="mt-0.5 accent-indigo-600"
              />
              <span>
                <span className="block font-medium text-slate-900">{option.label}</span>
                <span className="block text-slate-500">{option.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p role="alert" className="mt-4 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      )}
      <button
        type="submit"
        data-testid="new-board"
        disabled={pending}
        className="mt-6 w-full rounded-md bg-indigo-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm transition hover:bg-indigo-500 disabled:opacity-60"
      >
        {pending ? "Creating…" : "New board"}
      </button>
    </form>
  );
}
