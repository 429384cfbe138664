import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "articles_texts_parent_path_idx" ON "articles_texts" USING btree ("parent_id","path");
  CREATE INDEX "_articles_v_texts_parent_path_idx" ON "_articles_v_texts" USING btree ("parent_id","path");
  CREATE INDEX "glossary_terms_texts_parent_path_idx" ON "glossary_terms_texts" USING btree ("parent_id","path");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "articles_texts_parent_path_idx";
  DROP INDEX "_articles_v_texts_parent_path_idx";
  DROP INDEX "glossary_terms_texts_parent_path_idx";`)
}
