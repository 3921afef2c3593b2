"use client";

import { useState, type ReactNode } from "react";
import { copyText } from "../../_lib/clipboard";

interface LinkRowProps {
  kind: "edit" | "view" | "snapshot";
  label: string;
  explanation: string;
  url: string | undefined;
  /** Shown instead of the URL while there is none (e.g. a button that makes one). */
  placeholder?: ReactNode;
  children?: ReactNode;
}

const ACCENTS = { edit: "bg-indigo-600", view: "bg-emerald-600", snapshot: "bg-amber-500" } as const;

/** One share link: what it is, what it allows, the link itself and a copy button. */
export function LinkRow({ kind, label, explanation, url, placeholder, children }: LinkRowProps) {
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);

  async function copy() {
    if (!url) return;
    const ok = await copyText(url);
    setFailed(!ok);
    setCopied(ok);
    if (ok) setTimeout(() => setCopied(false), 1600);
  }

  return (
    <section data-testid={`share-${kind}`} className="border-b border-slate-100 px-4 py-3 last:border-b-0">
      <div className="flex items-center gap-2">
        <span aria-hidden className={`h-2 w-2 rounded-full ${ACCENTS[kind]}`} />
        <h3 className="text-sm font-semibold text-slate-900">{label}</h3>
      </div>
      <p className="mt-0.5 text-xs text-slate-500">{explanation}</p>
      {url ? (
        <div className="mt-2 flex gap-1.5">
          <input
            readOnly
            value={url}
            aria-label={`${label} URL`}
            data-testid={`${kind}-link-url`}
            onFocus={(event) => event.currentTarget.select()}
            className="min-w-0 flex-1 rounded-md border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-[11px] text-slate-600"
          />
          <button
            type="button"
            data-testid={`copy-${kind}-link`}
            data-link={url}
            onClick={() => void copy()}
            className="shrink-0 rounded-md bg-slate-900 px-2.5 py-1 text-xs font-medium text-white hover:bg-slate-700"
          >
            {copied ? "Copied ✓" : "Copy"}
          </button>
        </div>
      ) : (
        placeholder && <div className="mt-2">{placeholder}</div>
      )}
      {failed && (
        <p role="alert" className="mt-1 text-xs text-rose-600">
          Copy failed: select the link and copy it by hand.
        </p>
      )}
      {children}
    </section>
  );
}
