ALTER TABLE "case_transfers" ADD COLUMN "held" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "installations" ADD COLUMN "pulled_ingest_id" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "case_transfers_held_idx" ON "case_transfers" USING btree ("from_branch") WHERE "case_transfers"."held";