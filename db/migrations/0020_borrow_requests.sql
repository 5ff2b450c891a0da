CREATE TABLE `borrow_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`requester_user_id` text NOT NULL,
	`reason` text NOT NULL,
	`days` integer NOT NULL,
	`status` text NOT NULL,
	`requested_at` integer NOT NULL,
	`decided_by_user_id` text,
	`decided_at` integer,
	`decision_note` text,
	`expires_at` integer
) STRICT;
--> statement-breakpoint
CREATE INDEX `borrow_requests_case_user_idx` ON `borrow_requests` (`case_id`,`requester_user_id`);--> statement-breakpoint
CREATE INDEX `borrow_requests_status_idx` ON `borrow_requests` (`status`);