import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   CREATE TYPE "public"."enum_evidence_checks_status" AS ENUM('ok', 'redirected', 'broken', 'unreachable');
  CREATE TYPE "public"."enum_linked_changes_kind" AS ENUM('counterpart', 'translation');
  CREATE TYPE "public"."enum_linked_changes_reason" AS ENUM('counterpart_changed', 'translation_outdated');
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'cancerContentEvidenceCheck' BEFORE 'cancerContentNotify';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'cancerContentEvidenceCheck' BEFORE 'cancerContentNotify';
  CREATE TABLE "articles_changes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" varchar PRIMARY KEY NOT NULL,
  	"date" timestamp(3) with time zone,
  	"note" varchar
  );
  
  CREATE TABLE "_articles_v_version_changes" (
  	"_order" integer NOT NULL,
  	"_parent_id" integer NOT NULL,
  	"id" serial PRIMARY KEY NOT NULL,
  	"date" timestamp(3) with time zone,
  	"note" varchar,
  	"_uuid" varchar
  );
  
  CREATE TABLE "evidence_checks" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"url" varchar NOT NULL,
  	"status" "enum_evidence_checks_status" NOT NULL,
  	"checked_at" timestamp(3) with time zone NOT NULL,
  	"status_code" numeric,
  	"redirects" numeric,
  	"final_url" varchar,
  	"error" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  CREATE TABLE "linked_changes" (
  	"id" serial PRIMARY KEY NOT NULL,
  	"article_id" integer NOT NULL,
  	"changed_article_id" integer NOT NULL,
  	"kind" "enum_linked_changes_kind" NOT NULL,
  	"reason" "enum_linked_changes_reason" NOT NULL,
  	"date" timestamp(3) with time zone NOT NULL,
  	"note" varchar NOT NULL,
  	"version_id" varchar,
  	"previous_version_id" varchar,
  	"cleared_at" timestamp(3) with time zone,
  	"cleared_by" varchar,
  	"updated_at" timestamp(3) with time zone DEFAULT now() NOT NULL,
  	"created_at" timestamp(3) with time zone DEFAULT now() NOT NULL
  );
  
  ALTER TABLE "articles" ADD COLUMN "translation_of_id" integer;
  ALTER TABLE "articles_rels" ADD COLUMN "articles_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_translation_of_id" integer;
  ALTER TABLE "_articles_v_rels" ADD COLUMN "articles_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "evidence_checks_id" integer;
  ALTER TABLE "payload_locked_documents_rels" ADD COLUMN "linked_changes_id" integer;
  ALTER TABLE "articles_changes" ADD CONSTRAINT "articles_changes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v_version_changes" ADD CONSTRAINT "_articles_v_version_changes_parent_id_fk" FOREIGN KEY ("_parent_id") REFERENCES "public"."_articles_v"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "linked_changes" ADD CONSTRAINT "linked_changes_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "linked_changes" ADD CONSTRAINT "linked_changes_changed_article_id_articles_id_fk" FOREIGN KEY ("changed_article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "articles_changes_order_idx" ON "articles_changes" USING btree ("_order");
  CREATE INDEX "articles_changes_parent_id_idx" ON "articles_changes" USING btree ("_parent_id");
  CREATE INDEX "_articles_v_version_changes_order_idx" ON "_articles_v_version_changes" USING btree ("_order");
  CREATE INDEX "_articles_v_version_changes_parent_id_idx" ON "_articles_v_version_changes" USING btree ("_parent_id");
  CREATE UNIQUE INDEX "evidence_checks_url_idx" ON "evidence_checks" USING btree ("url");
  CREATE INDEX "evidence_checks_status_idx" ON "evidence_checks" USING btree ("status");
  CREATE INDEX "evidence_checks_checked_at_idx" ON "evidence_checks" USING btree ("checked_at");
  CREATE INDEX "evidence_checks_updated_at_idx" ON "evidence_checks" USING btree ("updated_at");
  CREATE INDEX "evidence_checks_created_at_idx" ON "evidence_checks" USING btree ("created_at");
  CREATE INDEX "linked_changes_article_idx" ON "linked_changes" USING btree ("article_id");
  CREATE INDEX "linked_changes_changed_article_idx" ON "linked_changes" USING btree ("changed_article_id");
  CREATE INDEX "linked_changes_cleared_at_idx" ON "linked_changes" USING btree ("cleared_at");
  CREATE INDEX "linked_changes_updated_at_idx" ON "linked_changes" USING btree ("updated_at");
  CREATE INDEX "linked_changes_created_at_idx" ON "linked_changes" USING btree ("created_at");
  ALTER TABLE "articles" ADD CONSTRAINT "articles_translation_of_id_articles_id_fk" FOREIGN KEY ("translation_of_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "articles_rels" ADD CONSTRAINT "articles_rels_articles_fk" FOREIGN KEY ("articles_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_translation_of_id_articles_id_fk" FOREIGN KEY ("version_translation_of_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v_rels" ADD CONSTRAINT "_articles_v_rels_articles_fk" FOREIGN KEY ("articles_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_evidence_checks_fk" FOREIGN KEY ("evidence_checks_id") REFERENCES "public"."evidence_checks"("id") ON DELETE cascade ON UPDATE no action;
  ALTER TABLE "payload_locked_documents_rels" ADD CONSTRAINT "payload_locked_documents_rels_linked_changes_fk" FOREIGN KEY ("linked_changes_id") REFERENCES "public"."linked_changes"("id") ON DELETE cascade ON UPDATE no action;
  CREATE INDEX "articles_translation_of_idx" ON "articles" USING btree ("translation_of_id");
  CREATE INDEX "articles_rels_articles_id_idx" ON "articles_rels" USING btree ("articles_id");
  CREATE INDEX "_articles_v_version_version_translation_of_idx" ON "_articles_v" USING btree ("version_translation_of_id");
  CREATE INDEX "_articles_v_rels_articles_id_idx" ON "_articles_v_rels" USING btree ("articles_id");
  CREATE INDEX "payload_locked_documents_rels_evidence_checks_id_idx" ON "payload_locked_documents_rels" USING btree ("evidence_checks_id");
  CREATE INDEX "payload_locked_documents_rels_linked_changes_id_idx" ON "payload_locked_documents_rels" USING btree ("linked_changes_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles_changes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "_articles_v_version_changes" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "evidence_checks" DISABLE ROW LEVEL SECURITY;
  ALTER TABLE "linked_changes" DISABLE ROW LEVEL SECURITY;
  DROP TABLE "articles_changes" CASCADE;
  DROP TABLE "_articles_v_version_changes" CASCADE;
  DROP TABLE "evidence_checks" CASCADE;
  DROP TABLE "linked_changes" CASCADE;
  ALTER TABLE "articles" DROP CONSTRAINT "articles_translation_of_id_articles_id_fk";
  
  ALTER TABLE "articles_rels" DROP CONSTRAINT "articles_rels_articles_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_translation_of_id_articles_id_fk";
  
  ALTER TABLE "_articles_v_rels" DROP CONSTRAINT "_articles_v_rels_articles_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_evidence_checks_fk";
  
  ALTER TABLE "payload_locked_documents_rels" DROP CONSTRAINT "payload_locked_documents_rels_linked_changes_fk";
  
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'cancerContentReviewSweep', 'cancerContentWebhookDelivery', 'cancerContentNotify', 'cancerContentReviewDigest');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'cancerContentReviewSweep', 'cancerContentWebhookDelivery', 'cancerContentNotify', 'cancerContentReviewDigest');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "articles_translation_of_idx";
  DROP INDEX "articles_rels_articles_id_idx";
  DROP INDEX "_articles_v_version_version_translation_of_idx";
  DROP INDEX "_articles_v_rels_articles_id_idx";
  DROP INDEX "payload_locked_documents_rels_evidence_checks_id_idx";
  DROP INDEX "payload_locked_documents_rels_linked_changes_id_idx";
  ALTER TABLE "articles" DROP COLUMN "translation_of_id";
  ALTER TABLE "articles_rels" DROP COLUMN "articles_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_translation_of_id";
  ALTER TABLE "_articles_v_rels" DROP COLUMN "articles_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "evidence_checks_id";
  ALTER TABLE "payload_locked_documents_rels" DROP COLUMN "linked_changes_id";
  DROP TYPE "public"."enum_evidence_checks_status";
  DROP TYPE "public"."enum_linked_changes_kind";
  DROP TYPE "public"."enum_linked_changes_reason";`)
}
