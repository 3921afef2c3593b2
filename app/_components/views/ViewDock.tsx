"use client";

import { ModelLibraryPanel } from "../library/ModelLibraryPanel";
import { PortfolioPanel } from "../portfolio/PortfolioPanel";
import { useBoardView } from "../../_lib/views/viewContext";

/** The left dock: the model library or the portfolio panel, whichever is open. */
export function ViewDock() {
  const { panel } = useBoardView();
  if (panel === "library") return <ModelLibraryPanel />;
  if (panel === "portfolio") return <PortfolioPanel />;
  return null;
}
