ALTER TABLE `cases` ADD `transferred_to` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `transferred_from` text;