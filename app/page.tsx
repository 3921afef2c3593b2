import { NewBoardForm } from "./_components/NewBoardForm";
import { ImportPanel } from "./_components/share/ImportPanel";
import { RecentBoards } from "./_components/RecentBoards";

export default function LandingPage() {
  return (
    <main className="min-h-full bg-gradient-to-b from-white to-slate-50">
      <div className="mx-auto flex max-w-5xl flex-col gap-12 px-6 py-16 md:flex-row md:items-start md:py-24">
        <section className="flex-1">
          <div className="mb-6 inline-flex items-center gap-2 rounded-full border border-slate-200 bg-white px-3 py-1 text-xs font-medium text-slate-600">
            <span className="h-2 w-2 rounded-full bg-indigo-500" aria-hidden />
            Modelmap
          </div>
          <h1 className="text-4xl font-semibold tracking-tight text-slate-900 md:text-5xl">
            One living map of what you invest in.
          </h1>
          <p className="mt-5 max-w-lg text-lg leading-relaxed text-slate-600">
            Put every initiative on a shared board and give it a model: how it is funded, which team
            shape holds it, how teams work together. Edit live with your leadership team, and see who
            changed what since the last review.
          </p>
          <RecentBoards />
        </section>
        <section className="w-full md:w-[380px]">
          <NewBoardForm />
          <ImportPanel />
        </section>
      </div>
    </main>
  );
}
