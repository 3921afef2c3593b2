/** @type {import('next').NextConfig} */
const nextConfig = {
  // The custom server process loads yjs itself; pages must share that copy, not bundle a second one.
  serverExternalPackages: ["yjs", "y-protocols", "lib0", "better-sqlite3", "pg", "ioredis", "pino", "ws"],
  poweredByHeader: false,
  reactStrictMode: true,
  // MODELMAP_PROFILE_BUILD=1 keeps client code unminified, so browser CPU profiles name functions.
  experimental: { turbopackMinify: process.env.MODELMAP_PROFILE_BUILD !== "1" },
  // `npm test` runs `tsc` over the whole project (this app included) just before it builds; the
  // build need not type-check the same files a second time.
  typescript: { ignoreBuildErrors: process.env.MODELMAP_BUILD_TYPES_CHECKED === "1" },
};

export default nextConfig;
