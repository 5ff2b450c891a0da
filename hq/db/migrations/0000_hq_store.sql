CREATE SEQUENCE "public"."hq_ingest_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "attachments" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"branch_code" text NOT NULL,
	"file_name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"data" "bytea" NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_transfers" (
	"case_id" uuid NOT NULL,
	"from_branch" text NOT NULL,
	"to_branch" text NOT NULL,
	"at" bigint NOT NULL,
	"ingest_id" bigint DEFAULT nextval('hq_ingest_seq') NOT NULL,
	CONSTRAINT "case_transfers_case_id_at_pk" PRIMARY KEY("case_id","at")
);
--> statement-breakpoint
CREATE TABLE "enrollment_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"branch_code" text NOT NULL,
	"restore" boolean NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint,
	"used_by" uuid
);
--> statement-breakpoint
CREATE TABLE "event_forks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"installation_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"hash" text NOT NULL,
	"event" jsonb NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"ingest_id" bigint PRIMARY KEY DEFAULT nextval('hq_ingest_seq') NOT NULL,
	"id" uuid NOT NULL,
	"installation_id" uuid NOT NULL,
	"branch_code" text NOT NULL,
	"seq" integer NOT NULL,
	"case_id" uuid,
	"type" text NOT NULL,
	"actor_user_id" text,
	"at" bigint NOT NULL,
	"payload" text NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"hlc" text,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_code" text NOT NULL,
	"case_no" text,
	"status" text,
	"received_month" text,
	"data" jsonb NOT NULL,
	"last_order" text NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hq_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hq_users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"username" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"created_at" bigint NOT NULL,
	CONSTRAINT "hq_users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
CREATE TABLE "imported_bundles" (
	"bundle_id" uuid PRIMARY KEY NOT NULL,
	"installation_id" uuid NOT NULL,
	"imported_at" bigint NOT NULL,
	"accepted" integer NOT NULL,
	"duplicates" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "installations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_code" text NOT NULL,
	"hostname" text NOT NULL,
	"signing_key" text NOT NULL,
	"encryption_key" text NOT NULL,
	"enrolled_at" bigint NOT NULL,
	"revoked_at" bigint,
	"last_sync_at" bigint,
	"head_seq" integer DEFAULT 0 NOT NULL,
	"head_hash" text NOT NULL,
	"reported_seq" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_data" (
	"version" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"branch_code" text,
	"data" jsonb NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "attachments_case_idx" ON "attachments" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_transfers_to_idx" ON "case_transfers" USING btree ("to_branch");--> statement-breakpoint
CREATE UNIQUE INDEX "event_forks_unique" ON "event_forks" USING btree ("installation_id","seq","hash");--> statement-breakpoint
CREATE UNIQUE INDEX "events_installation_seq_unique" ON "events" USING btree ("installation_id","seq");--> statement-breakpoint
CREATE INDEX "events_branch_ingest_idx" ON "events" USING btree ("branch_code","ingest_id");--> statement-breakpoint
CREATE INDEX "events_case_idx" ON "events" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "cases_branch_month_idx" ON "cases" USING btree ("branch_code","received_month");--> statement-breakpoint
CREATE INDEX "installations_branch_idx" ON "installations" USING btree ("branch_code");