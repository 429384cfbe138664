import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  // The ranking vector (title A, the body's first 1,000 characters B) of every stored article,
  // computed as src/search/searchIndex.ts computes it on save, then required.
  await db.execute(sql`
   ALTER TABLE "articles_search" ADD COLUMN "rank_vector" "tsvector";`)
  await db.execute(sql.raw(`UPDATE "articles_search" "s" SET "rank_vector" = (setweight(to_tsvector((CASE split_part(lower("a"."language"), '-', 1) WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig ELSE 'simple'::regconfig END), coalesce("a"."title", '')), 'A') || setweight(to_tsvector((CASE split_part(lower("a"."language"), '-', 1) WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig ELSE 'simple'::regconfig END), left(coalesce("a"."body_text", ''), 1000)), 'B')) FROM "articles" "a" WHERE "a"."id" = "s"."id"`))
  await db.execute(sql`
   UPDATE "articles_search" SET "rank_vector" = ''::tsvector WHERE "rank_vector" IS NULL;
  ALTER TABLE "articles_search" ALTER COLUMN "rank_vector" SET NOT NULL;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles_search" DROP COLUMN "rank_vector";`)
}
