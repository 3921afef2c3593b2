/** The board model's public API: schema, mutations, fields, undo, validation, export, diff. */
export * from "./types";
export * from "./origins";
export * from "./models";
export * from "./schema";
export * from "./fields";
export * from "./mutations";
export * from "./undo";
export * from "./validate";
export * from "./io";
export * from "./diff";
export * from "./geometry";
export * from "./projections";
export * from "./hints";
export * from "./portfolio";
export * from "./templates";
export * from "./generator";
