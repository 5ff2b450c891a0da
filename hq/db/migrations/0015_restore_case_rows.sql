ALTER TABLE "cases" ADD COLUMN "changed_at" bigint;--> statement-breakpoint
CREATE INDEX "cases_branch_id_idx" ON "cases" USING btree ("branch_code","id");