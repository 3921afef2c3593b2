"use client";

import { useEffect, useRef, useState, type KeyboardEvent, type FocusEvent } from "react";
import * as Y from "yjs";
import { editFromInput, mapPositionThroughDelta } from "../_lib/textEdits";
import { useBoardSession } from "../_lib/boardContext";

interface YTextFieldProps {
  /** The item map holding the text (an initiative or a note). */
  item: Y.Map<unknown>;
  field: string;
  id?: string;
  multiline?: boolean;
  label: string;
  placeholder?: string;
  className?: string;
  testId?: string;
  autoFocus?: boolean;
  rows?: number;
  onKeyDown?: (event: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
  onBlur?: (event: FocusEvent<HTMLInputElement | HTMLTextAreaElement>) => void;
}

function textOf(item: Y.Map<unknown>, field: string): Y.Text | null {
  const value = item.get(field);
  return value instanceof Y.Text ? value : null;
}

/**
 * An input bound to a Y.Text with character-level edits. It is uncontrolled on purpose:
 * remote edits rewrite the DOM value directly and move the caret through the edit, so React
 * never resets the caret mid-word.
 */
export function YTextField(props: YTextFieldProps) {
  const { item, field, id, multiline, label, placeholder, className, testId, autoFocus, rows, onKeyDown, onBlur } = props;
  const { doc, origin, readOnly } = useBoardSession();
  const elementRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const [text, setText] = useState<Y.Text | null>(() => textOf(item, field));

  useEffect(() => {
    const refresh = () => setText(textOf(item, field));
    refresh();
    const onKeys = (event: Y.YMapEvent<unknown>) => {
      if (event.keysChanged.has(field)) refresh();
    };
    item.observe(onKeys);
    return () => item.unobserve(onKeys);
  }, [item, field]);

  useEffect(() => {
    const element = elementRef.current;
    if (!element) return;
    const current = text?.toString() ?? "";
    if (element.value !== current) element.value = current;
    if (!text) return;
    const onTextChange = (event: Y.YTextEvent) => {
      const next = text.toString();
      if (element.value === next) return;
      const focused = document.activeElement === element;
      const start = element.selectionStart ?? 0;
      const end = element.selectionEnd ?? 0;
      element.value = next;
      if (focused) {
        const delta = event.delta as Parameters<typeof mapPositionThroughDelta>[1];
        element.setSelectionRange(mapPositionThroughDelta(start, delta), mapPositionThroughDelta(end, delta));
      }
    };
    text.observe(onTextChange);
    return () => text.unobserve(onTextChange);
  }, [text]);

  useEffect(() => {
    const element = elementRef.current;
    if (!autoFocus || !element) return;
    // A new card is hidden until React Flow has measured it, and hidden inputs refuse focus.
    let frame = 0;
    let attempts = 0;
    const tryFocus = () => {
      element.focus();
      if (document.activeElement === element) {
        const end = element.value.length;
        element.setSelectionRange(end, end);
      } else if (attempts++ < 30) {
        frame = requestAnimationFrame(tryFocus);
      }
    };
    tryFocus();
    return () => cancelAnimationFrame(frame);
  }, [autoFocus]);

  const onInput = () => {
    const element = elementRef.current;
    if (!element || readOnly) return;
    const after = element.value;
    doc.transact(() => {
      const existing = textOf(item, field);
      if (!existing) {
        item.set(field, new Y.Text(after));
        return;
      }
      const edit = editFromInput(existing.toString(), after, element.selectionEnd ?? after.length);
      if (!edit) return;
      if (edit.deleteCount > 0) existing.delete(edit.index, edit.deleteCount);
      if (edit.insert) existing.insert(edit.index, edit.insert);
    }, origin);
  };

  const shared = {
    ref: elementRef,
    id,
    defaultValue: text?.toString() ?? "",
    onInput,
    onKeyDown,
    onBlur,
    disabled: readOnly,
    placeholder,
    "aria-label": label,
    "data-testid": testId,
    className,
    spellCheck: true,
  };
  return multiline ? <textarea rows={rows ?? 3} {...shared} /> : <input type="text" {...shared} />;
}
