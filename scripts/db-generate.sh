#!/usr/bin/env bash
# drizzle-kit generate, then mark new tables STRICT (drizzle-kit cannot yet: drizzle-orm#5389).
# test/db/schema.test.ts fails if any table in a migrated archive is not STRICT.
set -euo pipefail
npx drizzle-kit generate "$@"
node scripts/strictify-migrations.mjs
