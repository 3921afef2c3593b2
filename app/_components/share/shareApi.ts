/** Browser-side calls of the sharing API; the token travels in a header, never in a URL. */

export interface VersionSummary {
  id: string;
  label: string;
  kind: "named" | "auto";
  createdAt: string;
  createdBy: string;
}

interface ErrorBody {
  error?: { message?: string };
}

async function failure(response: Response, what: string): Promise<Error> {
  const body = (await response.json().catch(() => ({}))) as ErrorBody;
  return new Error(`${what}: ${body.error?.message ?? `the server answered ${response.status}`}`);
}

const authorized = (token: string, json = false): HeadersInit => ({
  authorization: `Bearer ${token}`,
  ...(json ? { "content-type": "application/json" } : {}),
});

export async function rotateLink(boardId: string, token: string, role: "edit" | "view"): Promise<string> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/tokens/rotate`, {
    method: "POST",
    headers: authorized(token, true),
    body: JSON.stringify({ role }),
  });
  if (!response.ok) throw await failure(response, "Could not make a new link");
  return ((await response.json()) as { url: string }).url;
}

export async function createSnapshot(boardId: string, token: string, versionId?: string): Promise<string> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/snapshots`, {
    method: "POST",
    headers: authorized(token, true),
    body: JSON.stringify(versionId ? { versionId } : {}),
  });
  if (!response.ok) throw await failure(response, "Could not take a snapshot");
  return ((await response.json()) as { url: string }).url;
}

/** Saved versions, newest first; empty while the server has no version list. */
export async function listVersions(boardId: string, token: string): Promise<VersionSummary[]> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/versions`, { headers: authorized(token) });
  if (!response.ok) return [];
  const body = (await response.json().catch(() => [])) as unknown;
  return Array.isArray(body) ? (body as VersionSummary[]) : [];
}

/** Downloads an export through fetch, so the token stays in a header instead of a link. */
export async function downloadExport(boardId: string, token: string, format: string): Promise<void> {
  const response = await fetch(`/api/boards/${encodeURIComponent(boardId)}/export?format=${format}`, { headers: authorized(token) });
  if (!response.ok) throw await failure(response, `Could not export ${format.toUpperCase()}`);
  const disposition = response.headers.get("content-disposition") ?? "";
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `board.${format}`;
  const url = URL.createObjectURL(await response.blob());
  const anchor = document.createElement("a");
  anchor.href = url;
  anchor.download = filename;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
