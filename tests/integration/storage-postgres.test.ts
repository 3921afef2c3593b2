import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createStorage, PostgresStorage } from "@/server/storage";
import { postgresMigrations } from "@/server/storage/migrations/postgres";
import { postgresTestUrl, requirePostgres } from "../helpers/services";
import { describeStorageContract } from "./storage-contract";

const postgresAvailable = await requirePostgres();

/** A schema name no other run uses; the test that makes it drops it. */
function newSchemaName(): string {
  return `modelmap_test_${process.pid}_${randomBytes(4).toString("hex")}`;
}

function urlWithSchema(schema: string): string {
  const url = new URL(postgresTestUrl);
  url.searchParams.set("schema", schema);
  return url.toString();
}

describe.skipIf(!postgresAvailable)("PostgreSQL", () => {
  const admin = new pg.Pool({ connectionString: postgresTestUrl, max: 2 });
  const schemasToDrop = new Set<string>();
  const opened: PostgresStorage[] = [];

  async function dropSchema(schema: string): Promise<void> {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    schemasToDrop.delete(schema);
  }

  function instance(schema: string): PostgresStorage {
    schemasToDrop.add(schema);
    const storage = new PostgresStorage(postgresTestUrl, { schema });
    opened.push(storage);
    return storage;
  }

  async function schemaExists(schema: string): Promise<boolean> {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
    return rowCount === 1;
  }

  async function appliedMigrations(schema: string): Promise<number[]> {
    const { rows } = await admin.query<{ version: number }>(`SELECT version FROM "${schema}".schema_migrations ORDER BY version`);
    return rows.map((row) => row.version);
  }

  afterEach(async () => {
    for (const storage of opened.splice(0)) await storage.close();
    for (const schema of [...schemasToDrop]) await dropSchema(schema);
  });

  afterAll(async () => {
    await admin.end();
  });

  describeStorageContract("PostgreSQL", async () => {
    const schema = newSchemaName();
    schemasToDrop.add(schema);
    return {
      async open() {
        const storage = new PostgresStorage(postgresTestUrl, { schema });
        await storage.init();
        return storage;
      },
      destroy: () => dropSchema(schema),
      config: { dataDir: "/nonexistent", databaseUrl: urlWithSchema(schema) },
    };
  });

  describe("migrations", () => {
    const expectedVersions = postgresMigrations.map((migration) => migration.version);

    it("creates the schema and records every migration once when init() runs twice", async () => {
      const schema = newSchemaName();
      const storage = instance(schema);
      await storage.init();
      await storage.close();
      await storage.init();
      await instance(schema).init();
      expect(await schemaExists(schema)).toBe(true);
      expect(await appliedMigrations(schema)).toEqual(expectedVersions);
    });

    it("several instances calling init() at once on a fresh schema all succeed and migrate once", async () => {
      const schema = newSchemaName();
      const instances = Array.from({ length: 4 }, () => instance(schema));
      await Promise.all(instances.map((storage) => storage.init()));
      expect(await appliedMigrations(schema)).toEqual(expectedVersions);
      const [writer, reader] = instances;
      await writer?.createBoard(
        { id: "shared", title: "Shared", createdAt: 1, updatedAt: 1 },
        { edit: "e", view: "v" },
        new Uint8Array([0, 0]),
      );
      expect((await reader?.getBoard("shared"))?.title).toBe("Shared");
    });
  });

  describe("schemas", () => {
    it("isolates boards by schema, chosen by option or by the URL's ?schema=", async () => {
      const schemaA = newSchemaName();
      const schemaB = newSchemaName();
      const inA = new PostgresStorage(urlWithSchema(schemaA));
      schemasToDrop.add(schemaA);
      opened.push(inA);
      const inB = instance(schemaB);
      await inA.init();
      await inB.init();
      expect(inA.schema).toBe(schemaA);
      await inA.createBoard({ id: "only-in-a", title: "A", createdAt: 1, updatedAt: 1 }, { edit: "e", view: "v" }, new Uint8Array());
      expect(await inA.getBoard("only-in-a")).not.toBeNull();
      expect(await inB.getBoard("only-in-a")).toBeNull();
    });

    it("the schema option overrides the URL's ?schema=", () => {
      expect(new PostgresStorage(urlWithSchema("from_url"), { schema: "from_option" }).schema).toBe("from_option");
      expect(new PostgresStorage(postgresTestUrl).schema).toBe("public");
    });

    it("rejects a schema name that is not a plain identifier", () => {
      expect(() => new PostgresStorage(postgresTestUrl, { schema: 'x"; DROP TABLE boards; --' })).toThrow(/schema name/);
    });

    it("createStorage with a databaseUrl uses PostgreSQL and honours ?schema=", async () => {
      const schemaA = newSchemaName();
      const storage = createStorage({ dataDir: "/nonexistent", databaseUrl: urlWithSchema(schemaA) });
      expect(storage).toBeInstanceOf(PostgresStorage);
      schemasToDrop.add(schemaA);
      opened.push(storage as PostgresStorage);
      await storage.init();
      await expect(storage.ping()).resolves.toBeUndefined();
      expect(await schemaExists(schemaA)).toBe(true);
    });
  });
});
