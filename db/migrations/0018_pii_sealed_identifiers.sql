DROP INDEX `cases_id_number_idx`;--> statement-breakpoint
DROP INDEX `cases_phone_idx`;--> statement-breakpoint
DROP INDEX `cases_account_idx`;--> statement-breakpoint
DROP INDEX `cases_repeat_idx`;--> statement-breakpoint
ALTER TABLE `cases` ADD `complainant_id_number_sealed` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `complainant_phone_sealed` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `agent_phone_sealed` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `account_number_sealed` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `complainant_id_number_bidx` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `complainant_phone_bidx` text;--> statement-breakpoint
ALTER TABLE `cases` ADD `account_number_bidx` text;--> statement-breakpoint
CREATE INDEX `cases_unsealed_idx` ON `cases` (`row_no`) WHERE ("cases"."complainant_id_number" IS NOT NULL AND "cases"."complainant_id_number_sealed" IS NULL) OR ("cases"."complainant_phone" IS NOT NULL AND "cases"."complainant_phone_sealed" IS NULL) OR ("cases"."agent_phone" IS NOT NULL AND "cases"."agent_phone_sealed" IS NULL) OR ("cases"."account_number" IS NOT NULL AND "cases"."account_number_sealed" IS NULL);--> statement-breakpoint
CREATE INDEX `cases_id_number_idx` ON `cases` (`complainant_id_number_bidx`);--> statement-breakpoint
CREATE INDEX `cases_phone_idx` ON `cases` (`complainant_phone_bidx`);--> statement-breakpoint
CREATE INDEX `cases_account_idx` ON `cases` (`account_number_bidx`);--> statement-breakpoint
CREATE INDEX `cases_repeat_idx` ON `cases` (`received_date`,`branch_code`,`complainant_id_number_bidx`,`complainant_phone_bidx`,`received_at`,`id`,`complainant_name`);