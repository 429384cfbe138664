import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE INDEX "articles_list_order_idx" ON "articles" USING btree ("next_review_due","created_at" DESC,"id","status","_status");
  CREATE INDEX "articles_published_ids_idx" ON "articles" USING btree ("status","_status","id");
  CREATE INDEX "articles_queue_due_idx" ON "articles" USING btree ("status","next_review_due","id");
  CREATE INDEX "articles_review_state_count_idx" ON "articles" USING btree ("review_state","status","_status");
  CREATE INDEX "articles_texts_value_parent_idx" ON "articles_texts" USING btree ("text","parent_id","path");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   DROP INDEX "articles_list_order_idx";
  DROP INDEX "articles_published_ids_idx";
  DROP INDEX "articles_queue_due_idx";
  DROP INDEX "articles_review_state_count_idx";
  DROP INDEX "articles_texts_value_parent_idx";`)
}
