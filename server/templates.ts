import { isTemplateId, templateContent as buildTemplate } from "../lib/board/templates";
import type { BoardContent } from "../lib/board/types";

/** Content of a named board template for POST /api/boards; null for an unknown name. */
export function templateContent(name: string, title: string): BoardContent | null {
  return isTemplateId(name) ? buildTemplate(name, { title }) : null;
}
