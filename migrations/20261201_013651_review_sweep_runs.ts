import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TABLE "review_sweep_runs" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"key" varchar NOT NULL,
  	"job" varchar,
  	"changed" numeric,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "review_sweep_runs_id" integer;
  CREATE UNIQUE INDEX "review_sweep_runs_key_idx" ON "review_sweep_runs" USING btree ("key");
  CREATE INDEX "review_sweep_runs_updated_at_idx" ON "review_sweep_runs" USING btree ("updated_at");
  CREATE INDEX "review_sweep_runs_created_at_idx" ON "review_sweep_runs" USING btree ("created_at");
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_review_sweep_runs_fk" FOREIGN KEY ("review_sweep_runs_id") REFERENCES "public"."review_sweep_runs"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "payload_locked_documents_rels_review_sweep_runs_id_idx" ON "payload_locked_documents_rels" USING btree ("review_sweep_runs_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "review_sweep_runs" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "review_sweep_runs" CASCADE;
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_review_sweep_runs_fk";
  
  DROP INDEX "payload_locked_documents_rels_review_sweep_runs_id_idx";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "review_sweep_runs_id";`)
}
