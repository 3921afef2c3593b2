"use client";

import { useStoreApi } from "@xyflow/react";
import { useEffect, useState, type ReactNode } from "react";
import { createPortal } from "react-dom";

const PORTAL_SELECTOR = ".react-flow__viewport-portal";

/**
 * Renders children in board coordinates, like React Flow's ViewportPortal, but finds the
 * portal element once: ViewportPortal queries the DOM for it on every store update, which on a
 * 2,000-card board is a walk over every card on every frame of a pan, for every portal.
 */
export function BoardViewportPortal({ children }: { children: ReactNode }) {
  const store = useStoreApi();
  const [target, setTarget] = useState<Element | null>(null);
  useEffect(() => {
    const find = () => store.getState().domNode?.querySelector(PORTAL_SELECTOR) ?? null;
    const found = find();
    if (found) {
      setTarget(found);
      return;
    }
    // The flow's root element is registered after its children mount: wait for it.
    const unsubscribe = store.subscribe(() => {
      const element = find();
      if (!element) return;
      setTarget(element);
      unsubscribe();
    });
    return unsubscribe;
  }, [store]);
  return target ? createPortal(children, target) : null;
}
