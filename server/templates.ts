import type { BoardContent } from "../lib/board/types";

/** Content of a named board template; null for an unknown name. */
export function templateContent(name: string, title: string): BoardContent | null {
  void title;
  void name;
  return null;
}
