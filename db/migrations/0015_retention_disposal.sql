CREATE TABLE `disposal_batches` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`reason` text NOT NULL,
	`branch_code` text NOT NULL,
	`proposed_by` text NOT NULL,
	`proposed_at` integer NOT NULL,
	`decided_by` text,
	`decided_at` integer,
	`decision_note` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `disposal_batches_status_idx` ON `disposal_batches` (`status`,`proposed_at`);--> statement-breakpoint
CREATE TABLE `disposal_items` (
	`batch_id` text NOT NULL,
	`case_id` text NOT NULL,
	`case_no` text NOT NULL,
	`business_code` text NOT NULL,
	`closed_date` text NOT NULL,
	`retention_class` text NOT NULL,
	`retain_until` text,
	`attachment_count` integer,
	`destroyed_sha256` text,
	`disposed_at` integer,
	PRIMARY KEY(`batch_id`, `case_id`),
	FOREIGN KEY (`batch_id`) REFERENCES `disposal_batches`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `disposal_items_case_idx` ON `disposal_items` (`case_id`);--> statement-breakpoint
CREATE TABLE `document_kinds` (
	`attachment_id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`set_by` text NOT NULL,
	`set_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `document_kinds_case_idx` ON `document_kinds` (`case_id`,`kind`);--> statement-breakpoint
CREATE TABLE `legal_holds` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`reason` text NOT NULL,
	`placed_by` text NOT NULL,
	`placed_at` integer NOT NULL,
	`lifted_by` text,
	`lifted_at` integer,
	`lift_reason` text
) STRICT;
--> statement-breakpoint
CREATE INDEX `legal_holds_case_idx` ON `legal_holds` (`case_id`,`lifted_at`);