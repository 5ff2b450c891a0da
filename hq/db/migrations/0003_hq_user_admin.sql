CREATE TABLE "hq_audit" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"actor_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"target" text NOT NULL,
	"detail" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hq_users" ADD COLUMN "deactivated_at" bigint;--> statement-breakpoint
CREATE INDEX "hq_audit_at_idx" ON "hq_audit" USING btree ("at");