CREATE TABLE `attachments` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE INDEX `attachments_case_idx` ON `attachments` (`case_id`);--> statement-breakpoint
CREATE TABLE `case_number_counters` (
	`prefix` text PRIMARY KEY NOT NULL,
	`last_sequence` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `cases` (
	`row_no` integer PRIMARY KEY NOT NULL,
	`id` text NOT NULL,
	`case_no` text NOT NULL,
	`branch_code` text NOT NULL,
	`origin_installation_id` text NOT NULL,
	`status` text NOT NULL,
	`received_at` integer NOT NULL,
	`received_date` text NOT NULL,
	`channel_code` text NOT NULL,
	`business_code` text NOT NULL,
	`cause_code` text NOT NULL,
	`insurance_category_code` text,
	`insurance_line` text,
	`tags` text DEFAULT '[]' NOT NULL,
	`priority` text NOT NULL,
	`risk_media` integer DEFAULT false NOT NULL,
	`risk_regulator` integer DEFAULT false NOT NULL,
	`risk_repeat` integer DEFAULT false NOT NULL,
	`complainant_kind` text NOT NULL,
	`complainant_name` text NOT NULL,
	`complainant_id_type` text,
	`complainant_id_number` text,
	`complainant_phone` text,
	`complainant_address` text,
	`org_credit_code` text,
	`org_legal_representative` text,
	`agent_name` text,
	`agent_phone` text,
	`agent_authorisation` text,
	`is_elderly` integer DEFAULT false NOT NULL,
	`is_disabled` integer DEFAULT false NOT NULL,
	`is_group` integer DEFAULT false NOT NULL,
	`group_representatives` text DEFAULT '[]' NOT NULL,
	`respondent_unit` text,
	`respondent_staff_name` text,
	`respondent_staff_unit` text,
	`request_text` text NOT NULL,
	`facts_text` text DEFAULT '' NOT NULL,
	`grounds_text` text DEFAULT '' NOT NULL,
	`product_name` text,
	`account_number` text,
	`amount_fen` integer,
	`handler_user_id` text,
	`conflict_declaration` text,
	`investigation_notes` text,
	`root_cause` text,
	`resolution_type` text,
	`resolution_amount_fen` integer,
	`decision_notice` text,
	`informed_date` text,
	`customer_accepted` integer,
	`satisfaction` text,
	`follow_up_date` text,
	`follow_up_notes` text,
	`rectification_cause` text,
	`rectification_action` text,
	`rectification_owner` text,
	`rectification_due` text,
	`limit_days` integer DEFAULT 15 NOT NULL,
	`due_date` text NOT NULL,
	`paused_since` text,
	`paused_days` integer DEFAULT 0 NOT NULL,
	`decided_date` text,
	`closed_date` text,
	`is_on_time` integer,
	`merged_into_case_id` text,
	`review_requested_date` text,
	`escalated_to` text,
	`external_source` text,
	`external_id` text,
	`registered_by` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `cases_id_unique` ON `cases` (`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_case_no_unique` ON `cases` (`case_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `cases_external_unique` ON `cases` (`external_source`,`external_id`);--> statement-breakpoint
CREATE INDEX `cases_status_business_due_idx` ON `cases` (`status`,`business_code`,`due_date`);--> statement-breakpoint
CREATE INDEX `cases_status_due_idx` ON `cases` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `cases_due_idx` ON `cases` (`due_date`);--> statement-breakpoint
CREATE INDEX `cases_received_idx` ON `cases` (`received_at`);--> statement-breakpoint
CREATE INDEX `cases_branch_received_idx` ON `cases` (`branch_code`,`received_at`);--> statement-breakpoint
CREATE INDEX `cases_handler_status_idx` ON `cases` (`handler_user_id`,`status`);--> statement-breakpoint
CREATE INDEX `cases_id_number_idx` ON `cases` (`complainant_id_number`);--> statement-breakpoint
CREATE INDEX `cases_phone_idx` ON `cases` (`complainant_phone`);--> statement-breakpoint
CREATE INDEX `cases_account_idx` ON `cases` (`account_number`);--> statement-breakpoint
CREATE TABLE `history_events` (
	`id` text PRIMARY KEY NOT NULL,
	`installation_id` text NOT NULL,
	`seq` integer NOT NULL,
	`case_id` text,
	`type` text NOT NULL,
	`actor_user_id` text,
	`at` integer NOT NULL,
	`payload` text NOT NULL,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `history_installation_seq_unique` ON `history_events` (`installation_id`,`seq`);--> statement-breakpoint
CREATE INDEX `history_case_idx` ON `history_events` (`case_id`,`at`);--> statement-breakpoint
CREATE INDEX `history_type_at_idx` ON `history_events` (`type`,`at`);--> statement-breakpoint
CREATE TABLE `branches` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`created_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `holidays` (
	`date` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`is_workday` integer DEFAULT false NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE TABLE `taxonomy_codes` (
	`scheme` text NOT NULL,
	`code` text NOT NULL,
	`parent_code` text,
	`level` integer NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`pinyin` text DEFAULT '' NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`retired_at` integer,
	PRIMARY KEY(`scheme`, `code`)
) STRICT;
--> statement-breakpoint
CREATE INDEX `taxonomy_parent_idx` ON `taxonomy_codes` (`scheme`,`parent_code`);--> statement-breakpoint
CREATE TABLE `drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`payload` text NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE TABLE `saved_views` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`name` text NOT NULL,
	`definition` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
) STRICT;
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`branch_code` text NOT NULL,
	`is_active` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `users_username_unique` ON `users` (`username`);