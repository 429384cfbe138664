import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-postgres'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.execute(sql`
   ALTER TYPE "public"."enum_workflow_events_action" ADD VALUE 'reaffirm' BEFORE 'retire';
  ALTER TYPE "public"."enum_workflow_events_action" ADD VALUE 'assign' BEFORE 'import';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'cancerContentNotify';
  ALTER TYPE "public"."enum_payload_jobs_log_task_slug" ADD VALUE 'cancerContentReviewDigest';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'cancerContentNotify';
  ALTER TYPE "public"."enum_payload_jobs_task_slug" ADD VALUE 'cancerContentReviewDigest';
  ALTER TABLE "users" ADD COLUMN "credentials" varchar;
  ALTER TABLE "users" ADD COLUMN "affiliation" varchar;
  ALTER TABLE "users" ADD COLUMN "notifications_submitted" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "notifications_decided" boolean DEFAULT true;
  ALTER TABLE "users" ADD COLUMN "notifications_digest" boolean DEFAULT true;
  ALTER TABLE "articles" ADD COLUMN "assignee_id" integer;
  ALTER TABLE "_articles_v" ADD COLUMN "version_assignee_id" integer;
  ALTER TABLE "workflow_events" ADD COLUMN "change_note" varchar;
  ALTER TABLE "workflow_events" ADD COLUMN "attestation_statement" varchar;
  ALTER TABLE "workflow_events" ADD COLUMN "attestation_version" varchar;
  ALTER TABLE "workflow_events" ADD COLUMN "assignee_id" integer;
  ALTER TABLE "articles" ADD CONSTRAINT "articles_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "_articles_v" ADD CONSTRAINT "_articles_v_version_assignee_id_users_id_fk" FOREIGN KEY ("version_assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  ALTER TABLE "workflow_events" ADD CONSTRAINT "workflow_events_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;
  CREATE INDEX "articles_assignee_idx" ON "articles" USING btree ("assignee_id");
  CREATE INDEX "_articles_v_version_version_assignee_idx" ON "_articles_v" USING btree ("version_assignee_id");
  CREATE INDEX "workflow_events_assignee_idx" ON "workflow_events" USING btree ("assignee_id");`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.execute(sql`
   ALTER TABLE "articles" DROP CONSTRAINT "articles_assignee_id_users_id_fk";
  
  ALTER TABLE "_articles_v" DROP CONSTRAINT "_articles_v_version_assignee_id_users_id_fk";
  
  ALTER TABLE "workflow_events" DROP CONSTRAINT "workflow_events_assignee_id_users_id_fk";
  
  ALTER TABLE "workflow_events" ALTER COLUMN "action" SET DATA TYPE text;
  DROP TYPE "public"."enum_workflow_events_action";
  CREATE TYPE "public"."enum_workflow_events_action" AS ENUM('submit', 'approve', 'request_changes', 'retire', 'import');
  ALTER TABLE "workflow_events" ALTER COLUMN "action" SET DATA TYPE "public"."enum_workflow_events_action" USING "action"::"public"."enum_workflow_events_action";
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_log_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_log_task_slug" AS ENUM('inline', 'cancerContentReviewSweep', 'cancerContentWebhookDelivery');
  ALTER TABLE "payload_jobs_log" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_log_task_slug" USING "task_slug"::"public"."enum_payload_jobs_log_task_slug";
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE text;
  DROP TYPE "public"."enum_payload_jobs_task_slug";
  CREATE TYPE "public"."enum_payload_jobs_task_slug" AS ENUM('inline', 'cancerContentReviewSweep', 'cancerContentWebhookDelivery');
  ALTER TABLE "payload_jobs" ALTER COLUMN "task_slug" SET DATA TYPE "public"."enum_payload_jobs_task_slug" USING "task_slug"::"public"."enum_payload_jobs_task_slug";
  DROP INDEX "articles_assignee_idx";
  DROP INDEX "_articles_v_version_version_assignee_idx";
  DROP INDEX "workflow_events_assignee_idx";
  ALTER TABLE "users" DROP COLUMN "credentials";
  ALTER TABLE "users" DROP COLUMN "affiliation";
  ALTER TABLE "users" DROP COLUMN "notifications_submitted";
  ALTER TABLE "users" DROP COLUMN "notifications_decided";
  ALTER TABLE "users" DROP COLUMN "notifications_digest";
  ALTER TABLE "articles" DROP COLUMN "assignee_id";
  ALTER TABLE "_articles_v" DROP COLUMN "version_assignee_id";
  ALTER TABLE "workflow_events" DROP COLUMN "change_note";
  ALTER TABLE "workflow_events" DROP COLUMN "attestation_statement";
  ALTER TABLE "workflow_events" DROP COLUMN "attestation_version";
  ALTER TABLE "workflow_events" DROP COLUMN "assignee_id";`)
}
