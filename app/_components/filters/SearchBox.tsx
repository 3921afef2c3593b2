"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { searchByTitle } from "../../_lib/views/filters";
import { useSelectCards } from "../../_lib/views/useSelectCards";
import { useBoardView } from "../../_lib/views/viewContext";

/** Title search (`/` or Ctrl-K): arrow keys pick a result, Enter pans to the card and selects it. */
export function SearchBox() {
  const { content, searchRequest } = useBoardView();
  const selectCards = useSelectCards();
  const inputRef = useRef<HTMLInputElement>(null);
  const [query, setQuery] = useState("");
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const listId = useId();
  const results = useMemo(() => searchByTitle(Object.values(content.initiatives), query), [content, query]);

  useEffect(() => {
    if (searchRequest === 0) return;
    inputRef.current?.focus();
    inputRef.current?.select();
  }, [searchRequest]);

  const choose = (id: string | undefined) => {
    if (!id) return;
    setOpen(false);
    setQuery("");
    // Keys typed from now on are for the board (shortcuts act on the selection at once); the card
    // itself takes focus once the view has moved to it.
    inputRef.current?.blur();
    selectCards([id], { focus: true });
  };

  return (
    <div className="relative">
      <input
        ref={inputRef}
        type="search"
        data-testid="search-input"
        role="combobox"
        aria-label="Search initiatives by title"
        aria-expanded={open && results.length > 0}
        aria-controls={listId}
        aria-activedescendant={open && results[active] ? `${listId}-${active}` : undefined}
        placeholder="Search titles  /"
        value={query}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
          setOpen(true);
        }}
        onKeyDown={(event) => {
          if (event.key === "ArrowDown") {
            event.preventDefault();
            setActive((index) => Math.min(results.length - 1, index + 1));
          } else if (event.key === "ArrowUp") {
            event.preventDefault();
            setActive((index) => Math.max(0, index - 1));
          } else if (event.key === "Enter") {
            event.preventDefault();
            choose(results[active]?.id);
          } else if (event.key === "Escape") {
            setQuery("");
            inputRef.current?.blur();
          }
        }}
        className="w-44 rounded-md border border-slate-200 bg-white px-2 py-1 text-xs text-slate-800 shadow-xs placeholder:text-slate-400 focus:border-indigo-400"
      />
      {open && query.trim() !== "" && (
        <ul id={listId} role="listbox" data-testid="search-results" className="absolute left-0 top-full z-40 mt-1 w-72 overflow-hidden rounded-lg bg-white py-1 text-xs shadow-xl ring-1 ring-slate-200">
          {results.length === 0 && <li className="px-3 py-2 text-slate-400">No initiative with that title</li>}
          {results.map((initiative, index) => (
            <li
              key={initiative.id}
              id={`${listId}-${index}`}
              role="option"
              aria-selected={index === active}
              data-testid="search-result"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(initiative.id)}
              className={`cursor-pointer truncate px-3 py-1.5 ${index === active ? "bg-indigo-50 text-indigo-900" : "text-slate-700"}`}
            >
              {initiative.title || "Untitled initiative"}
              {initiative.owner && <span className="ml-2 text-slate-400">{initiative.owner}</span>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
