CREATE TABLE `case_contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`contact_date` text NOT NULL,
	`method` text NOT NULL,
	`contacted_by` text NOT NULL,
	`summary` text NOT NULL,
	`outcome` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `case_contacts_case_idx` ON `case_contacts` (`case_id`,`contact_date`);--> statement-breakpoint
CREATE TABLE `case_referrals` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`kind` text NOT NULL,
	`to_department` text,
	`to_branch_code` text,
	`assignee` text NOT NULL,
	`task` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`answer` text,
	`answered_date` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `case_referrals_case_idx` ON `case_referrals` (`case_id`);--> statement-breakpoint
CREATE INDEX `case_referrals_status_due_idx` ON `case_referrals` (`status`,`due_date`);--> statement-breakpoint
CREATE TABLE `rectification_actions` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`what` text NOT NULL,
	`department` text NOT NULL,
	`owner` text NOT NULL,
	`due_date` text NOT NULL,
	`status` text NOT NULL,
	`evidence` text,
	`done_date` text,
	`verified_by` text,
	`verified_date` text,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `rectification_case_idx` ON `rectification_actions` (`case_id`);--> statement-breakpoint
CREATE INDEX `rectification_status_due_idx` ON `rectification_actions` (`status`,`due_date`);--> statement-breakpoint
ALTER TABLE `cases` ADD `intake_method` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `internal_cause` text;