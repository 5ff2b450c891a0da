CREATE TABLE `case_conflicts` (
	`case_id` text NOT NULL,
	`event_id` text NOT NULL,
	`installation_id` text NOT NULL,
	`event_type` text NOT NULL,
	`status_at_event` text NOT NULL,
	`hlc` text NOT NULL,
	PRIMARY KEY(`case_id`, `event_id`)
) STRICT;
--> statement-breakpoint
CREATE INDEX `case_conflicts_hlc_idx` ON `case_conflicts` (`hlc`);--> statement-breakpoint
CREATE TABLE `sync_attachment_inbox` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `sync_attachment_inbox_case_idx` ON `sync_attachment_inbox` (`case_id`);--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
ALTER TABLE `history_events` ADD `hlc` text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX `history_hlc_idx` ON `history_events` (`hlc`);--> statement-breakpoint
CREATE INDEX `history_case_hlc_idx` ON `history_events` (`case_id`,`hlc`,`installation_id`,`seq`);