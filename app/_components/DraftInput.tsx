"use client";

import { useState, type InputHTMLAttributes, type Ref } from "react";

interface DraftInputProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "value" | "onChange"> {
  value: string;
  ref?: Ref<HTMLInputElement>;
  /** Called on every keystroke with the raw text; the caller parses and writes it. */
  onCommit: (raw: string) => void;
}

/**
 * A plain (last-writer-wins) field: shows the document's value, but keeps the person's own
 * text while they type so a half-typed value ("a, ") is not rewritten under their fingers.
 */
export function DraftInput({ value, onCommit, onFocus, onBlur, ...rest }: DraftInputProps) {
  const [draft, setDraft] = useState<string | null>(null);
  return (
    <input
      {...rest}
      value={draft ?? value}
      onFocus={(event) => {
        setDraft(value);
        onFocus?.(event);
      }}
      onChange={(event) => {
        setDraft(event.target.value);
        onCommit(event.target.value);
      }}
      onBlur={(event) => {
        setDraft(null);
        onBlur?.(event);
      }}
    />
  );
}
