DROP INDEX `cases_status_due_idx`;--> statement-breakpoint
CREATE INDEX `cases_status_due_idx` ON `cases` (`status`,`due_date`,`paused_since`,`decided_date`);