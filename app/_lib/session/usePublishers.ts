"use client";

import { useStoreApi } from "@xyflow/react";
import { useEffect } from "react";
import type { Awareness } from "y-protocols/awareness";
import { throttleLatest } from "./throttle";

/** Viewport updates are coarse on purpose: followers ease between them. */
const VIEWPORT_INTERVAL_MS = 100;

/**
 * Publishes `viewport` in awareness: the board point at the centre of this person's canvas and
 * their zoom, so a follower with a different window size frames the same spot.
 */
export function usePublishViewport(awareness: Awareness): void {
  const store = useStoreApi();
  useEffect(() => {
    const publisher = throttleLatest(
      (viewport: { x: number; y: number; zoom: number }) => awareness.setLocalStateField("viewport", viewport),
      VIEWPORT_INTERVAL_MS,
    );
    // Read from the store, not through a hook: a re-render of the session provider on every
    // frame of a pan would walk the whole board's component tree.
    const publish = (state: ReturnType<typeof store.getState>) => {
      const [tx, ty, zoom] = state.transform;
      const { width, height } = state;
      if (!width || !height) return;
      publisher.push({ x: Math.round((width / 2 - tx) / zoom), y: Math.round((height / 2 - ty) / zoom), zoom: Math.round(zoom * 1000) / 1000 });
    };
    publish(store.getState());
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.transform !== previous.transform || state.width !== previous.width || state.height !== previous.height) publish(state);
    });
    return () => {
      unsubscribe();
      publisher.cancel();
    };
  }, [awareness, store]);
}

const FIELD_BY_TEST_ID: Record<string, string> = { "card-title-input": "title" };

function fieldOf(element: HTMLElement): string {
  const testId = element.getAttribute("data-testid") ?? "";
  if (FIELD_BY_TEST_ID[testId]) return FIELD_BY_TEST_ID[testId];
  if (testId.startsWith("field-")) return testId.slice("field-".length);
  return element.getAttribute("aria-label") ?? "text";
}

/**
 * Publishes `typing: {id, field}` while a text field of a card (on the canvas or in the
 * inspector) has focus, so others see who is writing where.
 */
export function usePublishTyping(awareness: Awareness): void {
  const store = useStoreApi();
  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (!(target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement)) return;
      const node = target.closest<HTMLElement>(".react-flow__node[data-id]");
      let id = node?.getAttribute("data-id") ?? null;
      if (!id && target.closest('[data-testid="inspector"]')) {
        const selected = store.getState().nodes.filter((candidate) => candidate.selected);
        id = selected.length === 1 ? (selected[0]?.id ?? null) : null;
      }
      awareness.setLocalStateField("typing", id ? { id, field: fieldOf(target) } : null);
    };
    const onFocusOut = () => awareness.setLocalStateField("typing", null);
    document.addEventListener("focusin", onFocusIn);
    document.addEventListener("focusout", onFocusOut);
    return () => {
      document.removeEventListener("focusin", onFocusIn);
      document.removeEventListener("focusout", onFocusOut);
    };
  }, [awareness, store]);
}
