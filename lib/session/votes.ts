import * as Y from "yjs";
import { newId } from "../board/mutations";
import type { TransactionOrigin } from "../board/origins";

/**
 * Dot voting, stored in `doc.getMap("votes")` (vote id → Y.Map) so a vote and its result are
 * part of the board and its history. Each dot is its own map entry, so concurrent voters never
 * overwrite each other. A voter is a stable per-browser id; their name is kept only when the
 * vote is not anonymous.
 */

export interface VoteSettings {
  title: string;
  votesPerPerson: number;
  /** Time box; null for "until closed". */
  durationMs: number | null;
  anonymous: boolean;
}

export interface Voter {
  id: string;
  name: string;
}

export interface Dot {
  id: string;
  voterId: string;
  /** Empty in anonymous votes. */
  voterName: string;
  initiativeId: string;
  at: number;
}

export interface RankedInitiative {
  initiativeId: string;
  title: string;
  count: number;
  /** Who voted for it (empty in anonymous votes). */
  voters: string[];
}

export interface VoteContent {
  id: string;
  title: string;
  votesPerPerson: number;
  anonymous: boolean;
  startedBy: string;
  startedAt: number;
  endsAt: number | null;
  closedAt: number | null;
  dots: Dot[];
  /** The ranking written when the vote closed, titles frozen as they were. */
  result: RankedInitiative[] | null;
}

export const MAX_VOTES_PER_PERSON = 20;

export function votesMap(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
  return doc.getMap("votes");
}

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function readDot(id: string, value: unknown): Dot | null {
  if (typeof value !== "object" || value === null) return null;
  const raw = value as Record<string, unknown>;
  const initiativeId = str(raw.initiativeId);
  const voterId = str(raw.voterId);
  if (!initiativeId || !voterId) return null;
  return { id, voterId, voterName: str(raw.voterName), initiativeId, at: num(raw.at) ?? 0 };
}

function readResult(value: unknown): RankedInitiative[] | null {
  if (!Array.isArray(value)) return null;
  return value.map((entry: Record<string, unknown>) => ({
    initiativeId: str(entry.initiativeId),
    title: str(entry.title),
    count: num(entry.count) ?? 0,
    voters: Array.isArray(entry.voters) ? entry.voters.filter((name): name is string => typeof name === "string") : [],
  }));
}

export function readVote(id: string, map: Y.Map<unknown>): VoteContent {
  const dots: Dot[] = [];
  const dotMap = map.get("dots");
  if (dotMap instanceof Y.Map) {
    dotMap.forEach((value, dotId) => {
      const dot = readDot(dotId, value);
      if (dot) dots.push(dot);
    });
  }
  dots.sort((a, b) => a.at - b.at || a.id.localeCompare(b.id));
  return {
    id,
    title: str(map.get("title")),
    votesPerPerson: Math.max(1, num(map.get("votesPerPerson")) ?? 3),
    anonymous: map.get("anonymous") === true,
    startedBy: str(map.get("startedBy")),
    startedAt: num(map.get("startedAt")) ?? 0,
    endsAt: num(map.get("endsAt")),
    closedAt: num(map.get("closedAt")),
    dots,
    result: readResult(map.get("result")),
  };
}

export function readVotes(doc: Y.Doc): VoteContent[] {
  const votes: VoteContent[] = [];
  votesMap(doc).forEach((map, id) => {
    if (map instanceof Y.Map) votes.push(readVote(id, map));
  });
  return votes.sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id));
}

export function isVoteOpen(vote: VoteContent, now: number): boolean {
  return vote.closedAt === null && (vote.endsAt === null || now < vote.endsAt);
}

/** The newest vote still taking dots, if any. */
export function activeVote(votes: readonly VoteContent[], now: number): VoteContent | null {
  return votes.find((vote) => isVoteOpen(vote, now)) ?? null;
}

/** The newest vote, open or closed (what the results panel shows). */
export function latestVote(votes: readonly VoteContent[]): VoteContent | null {
  return votes[0] ?? null;
}

/**
 * The dots that count: each voter's first `votesPerPerson` dots in time order. Two tabs of one
 * person racing past the limit cannot over-vote; every replica drops the same extra dots.
 */
export function countedDots(vote: VoteContent): Dot[] {
  const used = new Map<string, number>();
  const counted: Dot[] = [];
  for (const dot of vote.dots) {
    const spent = used.get(dot.voterId) ?? 0;
    if (spent >= vote.votesPerPerson) continue;
    used.set(dot.voterId, spent + 1);
    counted.push(dot);
  }
  return counted;
}

export function dotsLeft(vote: VoteContent, voterId: string): number {
  const spent = countedDots(vote).filter((dot) => dot.voterId === voterId).length;
  return Math.max(0, vote.votesPerPerson - spent);
}

export function dotCounts(vote: VoteContent): Map<string, number> {
  const counts = new Map<string, number>();
  for (const dot of countedDots(vote)) counts.set(dot.initiativeId, (counts.get(dot.initiativeId) ?? 0) + 1);
  return counts;
}

/**
 * Initiatives by dots, most first. Ties keep the order in which initiatives first got a dot,
 * so the ranking is the same on every replica. `titles` names initiatives (deleted ones keep
 * the id as their title).
 */
export function rankVote(vote: VoteContent, titles: ReadonlyMap<string, string>): RankedInitiative[] {
  const entries = new Map<string, RankedInitiative & { first: number }>();
  countedDots(vote).forEach((dot, index) => {
    const entry = entries.get(dot.initiativeId) ?? {
      initiativeId: dot.initiativeId,
      title: titles.get(dot.initiativeId) ?? dot.initiativeId,
      count: 0,
      voters: [],
      first: index,
    };
    entry.count += 1;
    if (!vote.anonymous && dot.voterName && !entry.voters.includes(dot.voterName)) entry.voters.push(dot.voterName);
    entries.set(dot.initiativeId, entry);
  });
  return [...entries.values()]
    .sort((a, b) => b.count - a.count || a.first - b.first)
    .map(({ initiativeId, title, count, voters }) => ({ initiativeId, title, count, voters }));
}

export function startVote(doc: Y.Doc, settings: VoteSettings, startedBy: string, now: number, origin: TransactionOrigin): string {
  const id = newId("vote");
  const votesPerPerson = Math.min(MAX_VOTES_PER_PERSON, Math.max(1, Math.round(settings.votesPerPerson)));
  doc.transact(() => {
    // A new vote supersedes any open one: only one takes dots at a time.
    votesMap(doc).forEach((map) => {
      if (map.get("closedAt") === null || map.get("closedAt") === undefined) map.set("closedAt", now);
    });
    const map = new Y.Map<unknown>();
    map.set("title", settings.title.trim() || "Dot vote");
    map.set("votesPerPerson", votesPerPerson);
    map.set("anonymous", settings.anonymous);
    map.set("startedBy", startedBy);
    map.set("startedAt", now);
    map.set("endsAt", settings.durationMs && settings.durationMs > 0 ? now + Math.round(settings.durationMs) : null);
    map.set("closedAt", null);
    map.set("dots", new Y.Map<unknown>());
    map.set("result", null);
    votesMap(doc).set(id, map);
  }, origin);
  return id;
}

/** Puts one of the voter's dots on an initiative; false when the vote is over or they have none left. */
export function castDot(doc: Y.Doc, voteId: string, voter: Voter, initiativeId: string, now: number, origin: TransactionOrigin): boolean {
  const map = votesMap(doc).get(voteId);
  if (!(map instanceof Y.Map)) return false;
  const vote = readVote(voteId, map);
  if (!isVoteOpen(vote, now) || dotsLeft(vote, voter.id) <= 0) return false;
  const dots = map.get("dots");
  if (!(dots instanceof Y.Map)) return false;
  doc.transact(() => {
    dots.set(newId("dot"), { voterId: voter.id, voterName: vote.anonymous ? "" : voter.name, initiativeId, at: now });
  }, origin);
  return true;
}

/** Takes back the voter's most recent dot on an initiative. */
export function removeDot(doc: Y.Doc, voteId: string, voterId: string, initiativeId: string, now: number, origin: TransactionOrigin): boolean {
  const map = votesMap(doc).get(voteId);
  if (!(map instanceof Y.Map)) return false;
  const vote = readVote(voteId, map);
  const dots = map.get("dots");
  if (!isVoteOpen(vote, now) || !(dots instanceof Y.Map)) return false;
  const mine = vote.dots.filter((dot) => dot.voterId === voterId && dot.initiativeId === initiativeId);
  const last = mine[mine.length - 1];
  if (!last) return false;
  doc.transact(() => dots.delete(last.id), origin);
  return true;
}

/** Ends the vote and freezes its ranking into the document. */
export function closeVote(doc: Y.Doc, voteId: string, titles: ReadonlyMap<string, string>, now: number, origin: TransactionOrigin): boolean {
  const map = votesMap(doc).get(voteId);
  if (!(map instanceof Y.Map)) return false;
  const vote = readVote(voteId, map);
  if (vote.result) return false;
  doc.transact(() => {
    if (vote.closedAt === null) map.set("closedAt", vote.endsAt !== null ? Math.min(vote.endsAt, now) : now);
    map.set("result", rankVote(vote, titles));
  }, origin);
  return true;
}
