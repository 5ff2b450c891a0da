CREATE TABLE "case_contacts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"branch_code" text NOT NULL,
	"contact_date" text NOT NULL,
	"method" text NOT NULL,
	"contacted_by" text NOT NULL,
	"summary" text NOT NULL,
	"outcome" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"last_order" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_rectifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"branch_code" text NOT NULL,
	"what" text NOT NULL,
	"department" text NOT NULL,
	"owner" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"evidence" text,
	"done_date" text,
	"verified_by" text,
	"verified_date" text,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_order" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_referrals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"branch_code" text NOT NULL,
	"kind" text NOT NULL,
	"to_department" text,
	"to_branch_code" text,
	"assignee" text NOT NULL,
	"task" text NOT NULL,
	"due_date" text NOT NULL,
	"status" text NOT NULL,
	"answer" text,
	"answered_date" text,
	"created_by" text NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"last_order" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "case_contacts_branch_idx" ON "case_contacts" USING btree ("branch_code","contact_date");--> statement-breakpoint
CREATE INDEX "case_contacts_case_idx" ON "case_contacts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_rectifications_branch_idx" ON "case_rectifications" USING btree ("branch_code","status","due_date");--> statement-breakpoint
CREATE INDEX "case_rectifications_case_idx" ON "case_rectifications" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_referrals_branch_idx" ON "case_referrals" USING btree ("branch_code","status","due_date");--> statement-breakpoint
CREATE INDEX "case_referrals_case_idx" ON "case_referrals" USING btree ("case_id");