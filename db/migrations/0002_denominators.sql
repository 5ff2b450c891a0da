CREATE TABLE `denominators` (
	`id` text PRIMARY KEY NOT NULL,
	`branch_code` text NOT NULL,
	`business_code` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`period_start` text NOT NULL,
	`value` integer NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` integer NOT NULL
) STRICT;
--> statement-breakpoint
CREATE UNIQUE INDEX `denominators_unique` ON `denominators` (`branch_code`,`business_code`,`kind`,`period_start`);