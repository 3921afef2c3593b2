import * as Y from "yjs";
import { CARD_HEIGHT, CARD_WIDTH } from "./geometry";
import { DEFAULT_MODELS } from "./models";
import type { TransactionOrigin } from "./origins";
import { DEFAULT_RING_WIDTH } from "./projection-rings";
import { emptyBoardContent, writeBoardContent } from "./schema";
import { SAMPLE_INITIATIVES, SAMPLE_LINKS, type SampleInitiative } from "./template-sample";
import type { BoardContent, InitiativeContent, LinkContent, NoteContent } from "./types";

/**
 * Board templates for POST /api/boards {"template"}. Content is built at call time so that
 * dates (decisions, reviews) sit sensibly around `now`; ids are fixed so templates are stable.
 */

export const TEMPLATES = [
  { id: "blank", name: "Blank board", description: "The default model library and nothing else." },
  {
    id: "sample-portfolio",
    name: "Sample portfolio",
    description: "A fictional e-bike company's 25 initiatives across three horizons, with links and notes.",
  },
  {
    id: "close-far-workshop",
    name: "Close→far workshop",
    description: "Place initiatives by distance from the customer, ring by ring.",
  },
] as const;

export type TemplateId = (typeof TEMPLATES)[number]["id"];

export function isTemplateId(value: unknown): value is TemplateId {
  return TEMPLATES.some((template) => template.id === value);
}

export interface TemplateOptions {
  title?: string;
  now?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const COLUMN_GAP = 40;
const HORIZON_GAP = 160;
const ROW_GAP = 44;
const HEADER_SPACE = 200;

function baseContent(title: string): BoardContent {
  const content = emptyBoardContent(title);
  for (const model of DEFAULT_MODELS) content.models[model.id] = { ...model };
  return content;
}

function isoDay(now: Date, offsetDays: number): string {
  return new Date(now.getTime() + offsetDays * DAY_MS).toISOString().slice(0, 10);
}

function note(id: string, text: string, x: number, y: number, color = "#fde68a"): NoteContent {
  return { id, text, x, y, color };
}

function sampleInitiative(sample: SampleInitiative, index: number, position: { x: number; y: number }, now: Date): InitiativeContent {
  const { decisionInDays, reviewedDaysAgo, fte, ...fields } = sample;
  const initiative: InitiativeContent = {
    notes: "",
    bet: "",
    ...fields,
    id: `sample-${String(index + 1).padStart(2, "0")}`,
    x: position.x,
    y: position.y,
  };
  if (fte !== undefined) initiative.investment = { amount: fte, unit: "FTE" };
  if (decisionInDays !== undefined) initiative.nextDecisionAt = isoDay(now, decisionInDays);
  if (reviewedDaysAgo !== undefined) initiative.reviewedAt = isoDay(now, -reviewedDaysAgo);
  return initiative;
}

function samplePortfolio(options: TemplateOptions, now: Date): BoardContent {
  const content = baseContent(options.title ?? "Lumen Bikes — portfolio");
  const horizonWidth = 2 * CARD_WIDTH + COLUMN_GAP + HORIZON_GAP;
  const headers = {
    H1: "H1 — run and grow the core: bikes, dealers, service.",
    H2: "H2 — emerging businesses: subscriptions, fleets, connected bikes.",
    H3: "H3 — options for the future. Cheap probes, staged bets.",
  } as const;
  (["H1", "H2", "H3"] as const).forEach((horizon, column) => {
    content.notes[`sample-note-${horizon}`] = note(`sample-note-${horizon}`, headers[horizon], column * horizonWidth, 0, "#e0f2fe");
  });
  content.notes["sample-note-north-star"] = note(
    "sample-note-north-star",
    "North Star: monthly active riders. Inputs: activation, ride frequency, retention.",
    3 * horizonWidth,
    0,
    "#dcfce7",
  );
  const slots = { H1: 0, H2: 0, H3: 0 };
  SAMPLE_INITIATIVES.forEach((sample, index) => {
    const slot = slots[sample.horizon]++;
    const column = ["H1", "H2", "H3"].indexOf(sample.horizon);
    const position = {
      x: column * horizonWidth + (slot % 2) * (CARD_WIDTH + COLUMN_GAP),
      y: HEADER_SPACE + Math.floor(slot / 2) * (CARD_HEIGHT + ROW_GAP),
    };
    const initiative = sampleInitiative(sample, index, position, now);
    content.initiatives[initiative.id] = initiative;
  });
  const idOf = (title: string) =>
    Object.values(content.initiatives).find((initiative) => initiative.title === title)?.id ?? "";
  SAMPLE_LINKS.forEach((sample, index) => {
    const id = `sample-link-${String(index + 1).padStart(2, "0")}`;
    const { from, to, endsInDays, ...rest } = sample;
    const link: LinkContent = { ...rest, id, from: idOf(from), to: idOf(to) };
    if (endsInDays !== undefined) link.endsAt = isoDay(now, endsInDays);
    content.links[id] = link;
  });
  return content;
}

const WORKSHOP_CARDS: readonly { title: string; proximityCustomer: number; tags: string[] }[] = [
  { title: "Example: onboarding emails", proximityCustomer: 0, tags: ["activation"] },
  { title: "Example: billing service", proximityCustomer: 2, tags: ["revenue"] },
  { title: "Example: sales dashboards", proximityCustomer: 1, tags: ["revenue"] },
  { title: "Example: build pipeline", proximityCustomer: 3, tags: ["platform"] },
];

function closeFarWorkshop(options: TemplateOptions): BoardContent {
  const content = baseContent(options.title ?? "Close→far workshop");
  content.meta.suggestedView = { kind: "rings", field: "proximityCustomer", sectorBy: "tag" };
  const left = -(5 * DEFAULT_RING_WIDTH) - 400;
  const steps = [
    "How to run this: 1. Add one card per initiative. 2. Switch to the rings view. 3. Drag each card to its distance from the customer. 4. Talk about the cards nobody agrees on.",
    "Ring 0 — adjacent: the team works with customers every week.",
    "Ring 1 — near: one step removed, e.g. through sales or support.",
    "Ring 2 — removed: serves teams that serve customers.",
    "Ring 3 — far: foundations customers never see.",
    "Outer band — unplaced: not discussed yet.",
  ];
  steps.forEach((text, index) => {
    const id = `workshop-note-${index}`;
    content.notes[id] = note(id, text, left, -600 + index * 200, index === 0 ? "#e0f2fe" : "#fde68a");
  });
  WORKSHOP_CARDS.forEach((card, index) => {
    const id = `workshop-${index + 1}`;
    const radius = (card.proximityCustomer + 0.5) * DEFAULT_RING_WIDTH;
    content.initiatives[id] = {
      id,
      title: card.title,
      notes: "",
      bet: "",
      modelId: null,
      owner: "",
      status: "idea",
      proximityCustomer: card.proximityCustomer,
      tags: card.tags,
      x: radius - CARD_WIDTH / 2,
      y: -CARD_HEIGHT / 2 + index * 20,
    };
  });
  return content;
}

/** The content a new board made from `templateId` starts with. */
export function templateContent(templateId: TemplateId, options: TemplateOptions = {}): BoardContent {
  const now = options.now ?? new Date();
  switch (templateId) {
    case "blank":
      return baseContent(options.title ?? "Untitled board");
    case "sample-portfolio":
      return samplePortfolio(options, now);
    case "close-far-workshop":
      return closeFarWorkshop(options);
  }
}

/** Fills `doc` from a template as one transaction with an import origin. */
export function applyTemplate(
  doc: Y.Doc,
  templateId: TemplateId,
  options: TemplateOptions = {},
  origin: TransactionOrigin = { kind: "import", source: "template" },
): void {
  writeBoardContent(doc, templateContent(templateId, options), origin);
}
