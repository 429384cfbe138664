import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "articles_source_snapshot_idx" ON "articles" USING btree ("source_id",(md5(coalesce(length("citation_snapshot_home_url"::text)::text || ':' || "citation_snapshot_home_url"::text, 'n') || ',' || coalesce(length("citation_snapshot_label"::text)::text || ':' || "citation_snapshot_label"::text, 'n') || ',' || coalesce(length("citation_snapshot_name"::text)::text || ':' || "citation_snapshot_name"::text, 'n') || ',' || coalesce(length("citation_snapshot_tier_key"::text)::text || ':' || "citation_snapshot_tier_key"::text, 'n') || ',' || coalesce(length("citation_snapshot_tier_rank"::text)::text || ':' || "citation_snapshot_tier_rank"::text, 'n')))) WHERE "status" = 'active' and "citation_snapshot_label" <> '';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "articles_source_snapshot_idx";`)
}
