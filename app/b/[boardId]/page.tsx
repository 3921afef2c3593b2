import type { Metadata } from "next";
import { BoardScreen } from "../../_components/BoardScreen";

export const metadata: Metadata = { title: "Board · Modelmap" };

export default async function BoardPage({ params }: { params: Promise<{ boardId: string }> }) {
  const { boardId } = await params;
  return <BoardScreen boardId={boardId} />;
}
