"use client";

import { useEditingShortcuts } from "../../_lib/views/useEditingShortcuts";
import { useModelDrop } from "../../_lib/views/useModelDrop";

/** Behaviour the views add to the canvas: editing shortcuts and model drops from the library. */
export function ViewLayer() {
  useEditingShortcuts();
  useModelDrop();
  return null;
}
