import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { INITIATIVE_STATUSES, optionLabel } from "../../../lib/board/fields";
import type { BoardContent, InitiativeContent, ModelContent } from "../../../lib/board/types";
import { SnapshotMap } from "../../_components/share/SnapshotMap";
import { safeColor } from "../../_components/share/snapshotLayout";
import { PREVIEW_HEIGHT, PREVIEW_WIDTH } from "../../../server/sharing/png";
import { formatMoment, loadSnapshot } from "./loadSnapshot";

interface SnapshotPageProps {
  params: Promise<{ snapshotId: string }>;
}

interface ModelGroup {
  model: ModelContent | undefined;
  initiatives: InitiativeContent[];
}

function groupByModel(content: BoardContent): ModelGroup[] {
  const groups = new Map<string, ModelGroup>();
  const sorted = Object.values(content.initiatives).sort((a, b) => a.title.localeCompare(b.title));
  for (const initiative of sorted) {
    const model = initiative.modelId ? content.models[initiative.modelId] : undefined;
    const key = model?.id ?? "";
    const group = groups.get(key) ?? { model, initiatives: [] };
    group.initiatives.push(initiative);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => {
    if (!a.model || !b.model) return a.model ? -1 : 1;
    return b.initiatives.length - a.initiatives.length || a.model.name.localeCompare(b.model.name);
  });
}

function summary(content: BoardContent, groups: readonly ModelGroup[]): string {
  const count = Object.keys(content.initiatives).length;
  const models = groups.filter((group) => group.model).length;
  return `${count} initiative${count === 1 ? "" : "s"} across ${models} model${models === 1 ? "" : "s"}`;
}

export async function generateMetadata({ params }: SnapshotPageProps): Promise<Metadata> {
  const { snapshotId } = await params;
  const snapshot = await loadSnapshot(snapshotId);
  if (!snapshot) return { title: "Snapshot not found · Modelmap", robots: { index: false, follow: false } };
  const description = `Snapshot taken ${formatMoment(snapshot.takenAt)}: ${summary(snapshot.content, groupByModel(snapshot.content))}.`;
  const image = { url: `/s/${snapshot.id}/preview.png`, width: PREVIEW_WIDTH, height: PREVIEW_HEIGHT, alt: `Map of ${snapshot.title}` };
  return {
    metadataBase: new URL(snapshot.publicUrl),
    title: `${snapshot.title} · Modelmap snapshot`,
    description,
    referrer: "no-referrer",
    robots: { index: false, follow: false },
    openGraph: { type: "website", siteName: "Modelmap", title: snapshot.title, description, url: `/s/${snapshot.id}`, images: [image] },
    twitter: { card: "summary_large_image", title: snapshot.title, description, images: [image] },
  };
}

/** A frozen, read-only board rendered on the server: readable with scripts off. */
export default async function SnapshotPage({ params }: SnapshotPageProps) {
  const { snapshotId } = await params;
  const snapshot = await loadSnapshot(snapshotId);
  if (!snapshot) notFound();
  const { content } = snapshot;
  const groups = groupByModel(content);

  return (
    <main className="min-h-full bg-slate-50">
      <div className="mx-auto flex max-w-6xl flex-col gap-6 px-4 py-8 md:px-8">
        <header className="flex flex-wrap items-end justify-between gap-4">
          <div>
            <p className="flex items-center gap-2 text-xs font-medium uppercase tracking-wider text-indigo-600">
              <span className="flex h-5 w-5 items-center justify-center rounded bg-indigo-600 text-[10px] font-bold text-white" aria-hidden>
                M
              </span>
              Modelmap snapshot
            </p>
            <h1 data-testid="snapshot-title" className="mt-2 text-3xl font-semibold tracking-tight text-slate-900">
              {snapshot.title}
            </h1>
            <p className="mt-1 text-sm text-slate-600">
              Taken <time dateTime={snapshot.takenAt.toISOString()} data-testid="snapshot-taken">{formatMoment(snapshot.takenAt)}</time> ·{" "}
              {summary(content, groups)}
            </p>
          </div>
          <p className="max-w-xs rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs leading-relaxed text-slate-600">
            A frozen, read-only picture of the board at that moment. Later edits to the board never change it.
          </p>
        </header>

        <section aria-label="Models in use" data-testid="snapshot-legend" className="flex flex-wrap gap-2">
          {groups.map(({ model, initiatives }) => (
            <span key={model?.id ?? "none"} className="inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-xs text-slate-700">
              <span className="h-2.5 w-2.5 rounded-full" style={{ background: safeColor(model?.color) }} aria-hidden />
              {model?.name ?? "No model"}
              <span className="text-slate-400">{initiatives.length}</span>
            </span>
          ))}
        </section>

        <SnapshotMap content={content} />

        <section aria-labelledby="portfolio-heading" className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
          <h2 id="portfolio-heading" className="text-lg font-semibold text-slate-900">
            Portfolio by model
          </h2>
          <div className="mt-4 grid gap-6 md:grid-cols-2">
            {groups.map(({ model, initiatives }) => (
              <div key={model?.id ?? "none"}>
                <h3 className="flex items-center gap-2 text-sm font-semibold text-slate-900">
                  <span className="h-3 w-3 rounded" style={{ background: safeColor(model?.color) }} aria-hidden />
                  {model?.name ?? "No model"}
                </h3>
                {model?.summary && <p className="mt-1 text-xs text-slate-500">{model.summary}</p>}
                <ul className="mt-2 divide-y divide-slate-100">
                  {initiatives.map((initiative) => (
                    <li key={initiative.id} className="flex items-baseline justify-between gap-3 py-1.5 text-sm">
                      <span className="text-slate-800">{initiative.title || "(untitled)"}</span>
                      <span className="shrink-0 text-xs text-slate-500">
                        {initiative.owner || "No owner"} · {optionLabel(INITIATIVE_STATUSES, initiative.status) || initiative.status}
                      </span>
                    </li>
                  ))}
                </ul>
              </div>
            ))}
            {groups.length === 0 && <p className="text-sm text-slate-500">This board had no initiatives yet.</p>}
          </div>
        </section>
      </div>
    </main>
  );
}
