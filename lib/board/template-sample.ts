/**
 * The sample portfolio's data: Lumen Bikes, a fictional e-bike maker with an online shop, a
 * dealer network and a service business. A few cards deliberately trip hints (a capital
 * project past its decision, platform work with no North Star input, a card with no owner,
 * a time-boxed link with no end, a venture bet on a transactional link) so the hints show.
 */

export interface SampleInitiative {
  title: string;
  owner: string;
  status: string;
  modelId: string | null;
  horizon: "H1" | "H2" | "H3";
  teamShapeId?: string;
  proximityCustomer?: number;
  proximityOutcome?: number;
  fte?: number;
  confidence?: number;
  health?: string;
  northStarInput?: string;
  tags?: string[];
  bet?: string;
  reviewCadence?: string;
  reviewedDaysAgo?: number;
  decisionInDays?: number;
}

export interface SampleLink {
  from: string;
  to: string;
  label: string;
  mode?: string;
  purpose?: string;
  blocking?: boolean;
  endsInDays?: number;
}

export const SAMPLE_INITIATIVES: readonly SampleInitiative[] = [
  { title: "Checkout redesign", owner: "Maya Chen", status: "active", modelId: "persistent-capacity", teamShapeId: "journey-team", horizon: "H1", proximityCustomer: 0, proximityOutcome: 1, fte: 4, confidence: 70, health: "on-track", northStarInput: "Activation", tags: ["growth", "web"], bet: "A shorter checkout lifts first-purchase conversion by 15%.", reviewCadence: "monthly", reviewedDaysAgo: 12 },
  { title: "Dealer portal v2", owner: "Tomás Ruiz", status: "active", modelId: "capital-project", horizon: "H1", proximityCustomer: 1, proximityOutcome: 2, fte: 6, confidence: 55, health: "at-risk", tags: ["dealers"], decisionInDays: -20, reviewCadence: "monthly", reviewedDaysAgo: 25 },
  { title: "Warranty claims automation", owner: "Priya Nair", status: "active", modelId: "capital-project", horizon: "H1", proximityCustomer: 1, proximityOutcome: 2, fte: 3, confidence: 65, health: "on-track", tags: ["service"], decisionInDays: 45 },
  { title: "Battery supply resilience", owner: "Jonas Berg", status: "active", modelId: "all-in-mission", horizon: "H1", proximityCustomer: 2, proximityOutcome: 0, fte: 10, confidence: 50, health: "at-risk", tags: ["operations"], bet: "Two qualified cell suppliers end the stock-outs of 2024." },
  { title: "Service booking in the app", owner: "Aisha Okafor", status: "active", modelId: "persistent-capacity", teamShapeId: "journey-team", horizon: "H1", proximityCustomer: 0, proximityOutcome: 1, fte: 5, confidence: 75, health: "on-track", northStarInput: "Ride frequency", tags: ["app", "service"], reviewCadence: "quarterly", reviewedDaysAgo: 40 },
  { title: "Payments platform", owner: "Lena Vogel", status: "active", modelId: "persistent-capacity", teamShapeId: "platform-service", horizon: "H1", proximityCustomer: 2, proximityOutcome: 3, fte: 4, confidence: 60, health: "on-track", tags: ["platform"] },
  { title: "Support escalations desk", owner: "", status: "active", modelId: "persistent-capacity", teamShapeId: "catch-all", horizon: "H1", proximityCustomer: 0, proximityOutcome: 2, fte: 2, health: "at-risk", tags: ["service"] },
  { title: "Price localisation for the EU", owner: "Sam Whitfield", status: "done", modelId: "capital-project", horizon: "H1", proximityCustomer: 1, proximityOutcome: 1, fte: 2, tags: ["growth"] },
  { title: "Data platform", owner: "Kofi Mensah", status: "active", modelId: "persistent-capacity", teamShapeId: "platform-service", horizon: "H1", proximityCustomer: 3, proximityOutcome: 3, fte: 5, confidence: 65, health: "on-track", northStarInput: "Ride frequency", tags: ["platform", "data"] },
  { title: "Design system", owner: "Lena Vogel", status: "active", modelId: "persistent-capacity", teamShapeId: "platform-service", horizon: "H1", proximityCustomer: 2, proximityOutcome: 2, fte: 2, confidence: 80, health: "on-track", northStarInput: "Activation", tags: ["platform", "web"] },
  { title: "Quarter-end close automation", owner: "Sam Whitfield", status: "stopped", modelId: "capital-project", horizon: "H1", proximityCustomer: 3, proximityOutcome: 3, fte: 1, tags: ["finance"] },
  { title: "Lumen Care+ subscription", owner: "Maya Chen", status: "active", modelId: "staged-venture-bet", horizon: "H2", proximityCustomer: 0, proximityOutcome: 1, fte: 4, confidence: 40, health: "on-track", northStarInput: "Retention", tags: ["subscription"], bet: "Riders pay monthly for service, insurance and a loaner bike.", decisionInDays: 30, reviewCadence: "monthly", reviewedDaysAgo: 8 },
  { title: "Refurbished bike marketplace", owner: "Tomás Ruiz", status: "proposed", modelId: "staged-venture-bet", horizon: "H2", proximityCustomer: 0, proximityOutcome: 2, fte: 2, confidence: 35, tags: ["circular"], decisionInDays: 60 },
  { title: "Fleet sales to delivery firms", owner: "Aisha Okafor", status: "active", modelId: "persistent-capacity", teamShapeId: "company-in-a-company", horizon: "H2", proximityCustomer: 0, proximityOutcome: 0, fte: 6, confidence: 60, health: "on-track", northStarInput: "Ride frequency", tags: ["b2b"] },
  { title: "Connected bike telemetry", owner: "Kofi Mensah", status: "active", modelId: "staged-venture-bet", teamShapeId: "platform-service", horizon: "H2", proximityCustomer: 2, proximityOutcome: 2, fte: 5, confidence: 45, health: "at-risk", northStarInput: "Ride frequency", tags: ["platform", "data"], decisionInDays: 75 },
  { title: "Theft recovery service", owner: "Priya Nair", status: "active", modelId: "guardrailed-exploration", horizon: "H2", proximityCustomer: 0, proximityOutcome: 3, fte: 1, confidence: 30, tags: ["service"], bet: "One in five owners would pay for tracked theft recovery." },
  { title: "Dealer inventory sync", owner: "Lena Vogel", status: "active", modelId: "persistent-capacity", teamShapeId: "platform-service", horizon: "H2", proximityCustomer: 2, proximityOutcome: 2, fte: 3, confidence: 55, northStarInput: "Activation", tags: ["dealers", "platform"] },
  { title: "Corporate leasing pilot", owner: "Sam Whitfield", status: "idea", modelId: "guardrailed-exploration", horizon: "H2", proximityCustomer: 0, proximityOutcome: 3, fte: 1, tags: ["b2b"] },
  { title: "Net-zero supply chain", owner: "Jonas Berg", status: "proposed", modelId: "all-in-mission", horizon: "H2", proximityCustomer: 3, proximityOutcome: 1, fte: 8, confidence: 40, tags: ["operations", "sustainability"] },
  { title: "Battery second life", owner: "Jonas Berg", status: "idea", modelId: "guardrailed-exploration", horizon: "H3", proximityCustomer: 2, proximityOutcome: 3, fte: 1, tags: ["circular", "sustainability"] },
  { title: "Cargo bike line", owner: "Jonas Berg", status: "proposed", modelId: "staged-venture-bet", horizon: "H3", proximityCustomer: 1, proximityOutcome: 2, fte: 3, confidence: 25, tags: ["product"], bet: "Families replace a second car with a cargo e-bike.", decisionInDays: 90 },
  { title: "Urban bike-share partnership", owner: "Aisha Okafor", status: "idea", modelId: "guardrailed-exploration", horizon: "H3", proximityCustomer: 1, proximityOutcome: 3, fte: 1, tags: ["b2b"] },
  { title: "Autonomous rebalancing research", owner: "Kofi Mensah", status: "paused", modelId: "guardrailed-exploration", horizon: "H3", proximityCustomer: 3, proximityOutcome: 3, fte: 1, tags: ["research"] },
  { title: "Rider community app", owner: "Maya Chen", status: "idea", modelId: null, horizon: "H3", proximityCustomer: 0, proximityOutcome: 2, tags: ["app"] },
  { title: "AI service diagnostics", owner: "Priya Nair", status: "active", modelId: "guardrailed-exploration", horizon: "H3", proximityCustomer: 1, proximityOutcome: 3, fte: 2, confidence: 35, tags: ["service", "data"] },
];

export const SAMPLE_LINKS: readonly SampleLink[] = [
  { from: "Checkout redesign", to: "Payments platform", label: "uses", mode: "transactional-service" },
  { from: "Lumen Care+ subscription", to: "Payments platform", label: "recurring billing", mode: "transactional-service" },
  { from: "Service booking in the app", to: "Warranty claims automation", label: "shared flow", mode: "time-boxed-collaboration", purpose: "Find the boundary between booking and claims" },
  { from: "Connected bike telemetry", to: "Data platform", label: "coached by", mode: "supportive-facilitating" },
  { from: "Dealer portal v2", to: "Dealer inventory sync", label: "needs", mode: "fully-embedded", blocking: true },
  { from: "Fleet sales to delivery firms", to: "Dealer portal v2", label: "orders through", mode: "transactional-service" },
  { from: "Theft recovery service", to: "Connected bike telemetry", label: "location data", mode: "time-boxed-collaboration", endsInDays: 60 },
  { from: "Battery second life", to: "Battery supply resilience", label: "learns from", mode: "supportive-facilitating" },
];
