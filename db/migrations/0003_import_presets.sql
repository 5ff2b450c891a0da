CREATE TABLE `import_presets` (
	`name` text PRIMARY KEY NOT NULL,
	`label_zh` text NOT NULL,
	`label_en` text NOT NULL,
	`mapping` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
) STRICT;
