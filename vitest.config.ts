import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/reliability/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
    fileParallelism: true,
    maxWorkers: 2,
    globalSetup: ["tests/helpers/server-bundle.ts"],
  },
  resolve: { alias: { "@": new URL("./", import.meta.url).pathname } },
});
