/**
 * A child process for tests/store/postgres-migrate-race.e2e.test.ts: connects to the database in
 * argv[2], says `ready`, waits for `go` on stdin, runs the migrations, and prints the versions it
 * applied as JSON. The parent says `go` to two of these at once.
 */
import pg from "pg";
import { migratePostgres } from "../../src/store/postgres-migrations.ts";

const client = new pg.Client({ connectionString: process.argv[2] });
await client.connect();
process.stdout.write("ready\n");
await new Promise<void>((resolve) => {
  process.stdin.on("data", (chunk) => {
    if (String(chunk).includes("go")) resolve();
  });
});
process.stdin.pause();
const applied = await migratePostgres(client);
await client.end();
process.stdout.write(`${JSON.stringify({ applied })}\n`);
