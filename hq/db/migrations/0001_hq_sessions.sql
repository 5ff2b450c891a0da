CREATE TABLE "hq_sessions" (
	"id_hash" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_seen_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "hq_sessions" ADD CONSTRAINT "hq_sessions_user_id_hq_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."hq_users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hq_sessions_expires_idx" ON "hq_sessions" USING btree ("expires_at");