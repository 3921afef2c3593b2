import Link from "next/link";

const MESSAGES: Record<number, { title: string; body: string }> = {
  0: { title: "Cannot reach Modelmap", body: "The server did not answer. Check your connection and reload." },
  401: { title: "This link does not open the board", body: "The access token is missing, wrong, or was replaced by a newer link. Ask the board's owner for a current link." },
  403: { title: "You do not have access to this", body: "Your link allows viewing only." },
  404: { title: "Board not found", body: "There is no board at this address. It may have been mistyped." },
};

export function BoardError({ status, message }: { status: number; message: string }) {
  const text = MESSAGES[status] ?? { title: "Something went wrong", body: message };
  return (
    <main className="flex min-h-full items-center justify-center px-6" data-testid="board-error" data-status={status}>
      <div className="max-w-md text-center">
        {status > 0 && <p className="text-sm font-semibold text-indigo-600">{status}</p>}
        <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{text.title}</h1>
        <p className="mt-3 text-sm leading-relaxed text-slate-600">{text.body}</p>
        <Link href="/" className="mt-6 inline-block rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500">
          Start a new board
        </Link>
      </div>
    </main>
  );
}
