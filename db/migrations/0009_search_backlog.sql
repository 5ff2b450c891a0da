-- The full-text index may lag behind `cases`: bulk loads (seed, large imports) store their cases
-- first and index them afterwards in the background (db/repos/case-search.repo.ts), because the
-- trigram index is the largest single cost of a bulk write. `indexed_up_to` is the watermark:
-- every case with row_no <= it is in `case_search`, none above it is. Searches read the index for
-- the cases below it and scan the few above it with LIKE, so a search never misses a case.
-- Hand-written: drizzle-kit cannot describe the triggers' WHEN clauses or this table's CHECK.
CREATE TABLE `case_search_state` (
	`id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
	`indexed_up_to` integer NOT NULL
) STRICT;
--> statement-breakpoint
-- Until now every writer indexed its cases in the transaction of the insert: all of them are in.
INSERT INTO `case_search_state` (`id`, `indexed_up_to`) SELECT 1, coalesce(max(`row_no`), 0) FROM `cases`;
--> statement-breakpoint
-- Updates and deletes touch the index only for cases already in it: the backlog indexer reads a
-- waiting case's current text when it gets to it, so indexing it here too would be wasted work.
DROP TRIGGER IF EXISTS `cases_search_delete`;
--> statement-breakpoint
CREATE TRIGGER `cases_search_delete` AFTER DELETE ON `cases`
WHEN old.row_no <= (SELECT `indexed_up_to` FROM `case_search_state` WHERE `id` = 1)
BEGIN
	DELETE FROM `case_search` WHERE rowid = old.row_no;
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `cases_search_update`;
--> statement-breakpoint
CREATE TRIGGER `cases_search_update` AFTER UPDATE OF
	case_no, complainant_name, agent_name, respondent_staff_name, org_legal_representative,
	complainant_phone, complainant_id_number, account_number, org_credit_code,
	request_text, facts_text, grounds_text, product_name
ON `cases`
WHEN old.row_no <= (SELECT `indexed_up_to` FROM `case_search_state` WHERE `id` = 1)
BEGIN
	DELETE FROM `case_search` WHERE rowid = old.row_no;
	INSERT INTO `case_search` (rowid, case_no, names, contacts, narrative) VALUES (
		new.row_no,
		new.case_no,
		concat_ws(' ', new.complainant_name, new.agent_name, new.respondent_staff_name, new.org_legal_representative),
		concat_ws(' ', new.complainant_phone, new.complainant_id_number, new.account_number, new.org_credit_code),
		concat_ws(' ', new.request_text, new.facts_text, new.grounds_text, new.product_name)
	);
END;
