CREATE TABLE `access_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` text NOT NULL,
	`case_id` text,
	`action` text NOT NULL,
	`installation_id` text NOT NULL,
	`detail` text NOT NULL
) STRICT;
--> statement-breakpoint
CREATE INDEX `access_log_case_idx` ON `access_log` (`case_id`,`at`);--> statement-breakpoint
CREATE INDEX `access_log_at_idx` ON `access_log` (`at`);