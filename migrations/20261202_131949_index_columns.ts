import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-postgres'

// The plugin's list, queue and texts indexes are now declared on their columns instead of as SQL
// text (src/database/articleListIndexes.ts, src/database/textsParentIndex.ts): schema push
// compared SQL text with the database's columns, found them different on PostgreSQL 18 and
// dropped and created the eight indexes again on every start, and two processes pushing at once
// failed on it. The indexes in the database are the same ("created_at" DESC is DESC NULLS FIRST),
// so this migration changes nothing there: it only records the new declaration in its snapshot.
export async function up(_args: MigrateUpArgs): Promise<void> {}

export async function down(_args: MigrateDownArgs): Promise<void> {}
