import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "articles_search" (
  	"id" integer PRIMARY KEY NOT NULL,
  	"vector" "tsvector" NOT NULL
  );
  
  DROP INDEX "articles_search_idx";
  ALTER TABLE "articles_search" ADD CONSTRAINT "articles_search_id_articles_id_fk" FOREIGN KEY ("id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "articles_search_idx" ON "articles_search" USING gin ("vector");`)
  // Articles stored before this migration get their vectors now (later saves keep them current).
  await db.execute(sql.raw(`INSERT INTO "articles_search" ("id", "vector") SELECT "a"."id", (setweight(to_tsvector((CASE split_part(lower("a"."language"), '-', 1) WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig ELSE 'simple'::regconfig END), coalesce("a"."title", '')), 'A') || setweight(to_tsvector((CASE split_part(lower("a"."language"), '-', 1) WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig ELSE 'simple'::regconfig END), coalesce("a"."body_text", '')), 'B')) FROM "articles" "a"`))
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles_search" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "articles_search" CASCADE;
  CREATE INDEX "articles_search_idx" ON "articles" USING gin ((setweight(to_tsvector((CASE split_part(lower("language"), '-', 1) WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig ELSE 'simple'::regconfig END), coalesce("title", '')), 'A') || setweight(to_tsvector((CASE split_part(lower("language"), '-', 1) WHEN 'da' THEN 'danish'::regconfig WHEN 'de' THEN 'german'::regconfig WHEN 'en' THEN 'english'::regconfig WHEN 'es' THEN 'spanish'::regconfig WHEN 'fi' THEN 'finnish'::regconfig WHEN 'fr' THEN 'french'::regconfig WHEN 'it' THEN 'italian'::regconfig WHEN 'nl' THEN 'dutch'::regconfig WHEN 'pt' THEN 'portuguese'::regconfig WHEN 'ru' THEN 'russian'::regconfig WHEN 'sv' THEN 'swedish'::regconfig ELSE 'simple'::regconfig END), coalesce("body_text", '')), 'B')));`)
}
