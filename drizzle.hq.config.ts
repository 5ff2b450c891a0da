import { defineConfig } from 'drizzle-kit';

/** Head office's PostgreSQL schema (hq/db); `npm run hq:db:generate -- --name x` writes its migrations. */
export default defineConfig({
  dialect: 'postgresql',
  schema: './hq/db/schema.ts',
  out: './hq/db/migrations',
});
