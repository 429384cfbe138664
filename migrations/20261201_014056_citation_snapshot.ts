import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles" ADD COLUMN "citation_snapshot_label" varchar;
  ALTER TABLE "articles" ADD COLUMN "citation_snapshot_name" varchar;
  ALTER TABLE "articles" ADD COLUMN "citation_snapshot_home_url" varchar;
  ALTER TABLE "articles" ADD COLUMN "citation_snapshot_tier_rank" numeric;
  ALTER TABLE "articles" ADD COLUMN "citation_snapshot_tier_key" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_citation_snapshot_label" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_citation_snapshot_name" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_citation_snapshot_home_url" varchar;
  ALTER TABLE "_articles_v" ADD COLUMN "version_citation_snapshot_tier_rank" numeric;
  ALTER TABLE "_articles_v" ADD COLUMN "version_citation_snapshot_tier_key" varchar;`)
  // Articles approved before snapshots existed are approved with their source as it is now.
  await db.execute(sql`
   UPDATE "articles" SET "citation_snapshot_label" = s."label", "citation_snapshot_name" = s."name",
     "citation_snapshot_home_url" = s."home_url", "citation_snapshot_tier_rank" = s."tier_rank",
     "citation_snapshot_tier_key" = s."tier_key"
   FROM "sources" s WHERE s."id" = "articles"."source_id" AND "articles"."status" = 'active';
  UPDATE "_articles_v" SET "version_citation_snapshot_label" = s."label", "version_citation_snapshot_name" = s."name",
     "version_citation_snapshot_home_url" = s."home_url", "version_citation_snapshot_tier_rank" = s."tier_rank",
     "version_citation_snapshot_tier_key" = s."tier_key"
   FROM "sources" s WHERE s."id" = "_articles_v"."version_source_id" AND "_articles_v"."version_status" = 'active';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles" DROP COLUMN "citation_snapshot_label";
  ALTER TABLE "articles" DROP COLUMN "citation_snapshot_name";
  ALTER TABLE "articles" DROP COLUMN "citation_snapshot_home_url";
  ALTER TABLE "articles" DROP COLUMN "citation_snapshot_tier_rank";
  ALTER TABLE "articles" DROP COLUMN "citation_snapshot_tier_key";
  ALTER TABLE "_articles_v" DROP COLUMN "version_citation_snapshot_label";
  ALTER TABLE "_articles_v" DROP COLUMN "version_citation_snapshot_name";
  ALTER TABLE "_articles_v" DROP COLUMN "version_citation_snapshot_home_url";
  ALTER TABLE "_articles_v" DROP COLUMN "version_citation_snapshot_tier_rank";
  ALTER TABLE "_articles_v" DROP COLUMN "version_citation_snapshot_tier_key";`)
}
