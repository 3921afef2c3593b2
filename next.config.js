/** @type {import('next').NextConfig} */
const nextConfig = {
  // The custom server process loads yjs itself; pages must share that copy, not bundle a second one.
  serverExternalPackages: ["yjs", "y-protocols", "lib0", "better-sqlite3", "pg", "ioredis", "pino", "ws"],
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
