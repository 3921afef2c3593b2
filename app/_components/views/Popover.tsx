"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";

interface PopoverProps {
  label: ReactNode;
  testId: string;
  /** Accessible name of the button when its label is terse. */
  title?: string;
  active?: boolean;
  align?: "left" | "right";
  children: (close: () => void) => ReactNode;
}

/** A toolbar button with a panel under it; closes on Escape (focus back on the button) or an outside click. */
export function Popover({ label, testId, title, active, align = "left", children }: PopoverProps) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    rootRef.current?.addEventListener("keydown", onKeyDown);
    const root = rootRef.current;
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      root?.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        data-testid={testId}
        title={title}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className={`flex items-center gap-1 whitespace-nowrap rounded-md border px-2 py-1 text-xs font-medium shadow-xs ${
          active ? "border-indigo-300 bg-indigo-50 text-indigo-800" : "border-slate-200 bg-white text-slate-700 hover:bg-slate-50"
        }`}
      >
        {label}
        <svg width="9" height="9" viewBox="0 0 10 10" aria-hidden className="text-slate-400">
          <path d="M2 3.5l3 3 3-3" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {open && (
        <div
          id={panelId}
          data-testid={`${testId}-panel`}
          className={`absolute top-full z-40 mt-1 max-h-[70vh] w-72 overflow-y-auto rounded-lg bg-white p-3 text-xs shadow-xl ring-1 ring-slate-200 ${align === "right" ? "right-0" : "left-0"}`}
        >
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}
