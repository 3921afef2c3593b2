import { connection } from "next/server";
import { ImportBoard } from "./ImportBoard";

/**
 * The landing page's import panel. Every page is served under a nonce-based CSP, and a nonce
 * exists only per request, so this page must render per request rather than at build time.
 */
export async function ImportPanel() {
  await connection();
  return <ImportBoard />;
}
