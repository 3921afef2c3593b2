import { loadSnapshot } from "../loadSnapshot";
import { previewPng } from "../../../../server/sharing/png";

/** The picture a pasted snapshot link unfurls with (Open Graph / Twitter card). */
export async function GET(_request: Request, { params }: { params: Promise<{ snapshotId: string }> }): Promise<Response> {
  const { snapshotId } = await params;
  const snapshot = await loadSnapshot(snapshotId);
  if (!snapshot) {
    return Response.json({ error: { code: "not_found", message: "no such snapshot" } }, { status: 404 });
  }
  const png = await previewPng(snapshot.content);
  return new Response(new Uint8Array(png), {
    headers: {
      "Content-Type": "image/png",
      // A snapshot never changes, so its picture may be cached for good.
      "Cache-Control": "public, max-age=31536000, immutable",
    },
  });
}
