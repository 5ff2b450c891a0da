-- Full-text search over case numbers, names, contact numbers and narratives, Chinese included.
-- Hand-written: drizzle-kit cannot describe virtual tables. The trigram tokenizer indexes every
-- 3-character run, so Chinese needs no word segmentation; queries shorter than 3 characters fall
-- back to LIKE in db/repos/case-search.repo.ts. Contentless (the text already lives in `cases`),
-- keyed by cases.row_no, kept in step by triggers so no code path can forget it.
CREATE VIRTUAL TABLE `case_search` USING fts5(
	case_no, names, contacts, narrative,
	tokenize = 'trigram',
	content = '',
	contentless_delete = 1
);
--> statement-breakpoint
CREATE TRIGGER `cases_search_insert` AFTER INSERT ON `cases` BEGIN
	INSERT INTO `case_search` (rowid, case_no, names, contacts, narrative) VALUES (
		new.row_no,
		new.case_no,
		concat_ws(' ', new.complainant_name, new.agent_name, new.respondent_staff_name, new.org_legal_representative),
		concat_ws(' ', new.complainant_phone, new.complainant_id_number, new.account_number, new.org_credit_code),
		concat_ws(' ', new.request_text, new.facts_text, new.grounds_text, new.product_name)
	);
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_delete` AFTER DELETE ON `cases` BEGIN
	DELETE FROM `case_search` WHERE rowid = old.row_no;
END;
--> statement-breakpoint
CREATE TRIGGER `cases_search_update` AFTER UPDATE OF
	case_no, complainant_name, agent_name, respondent_staff_name, org_legal_representative,
	complainant_phone, complainant_id_number, account_number, org_credit_code,
	request_text, facts_text, grounds_text, product_name
ON `cases` BEGIN
	DELETE FROM `case_search` WHERE rowid = old.row_no;
	INSERT INTO `case_search` (rowid, case_no, names, contacts, narrative) VALUES (
		new.row_no,
		new.case_no,
		concat_ws(' ', new.complainant_name, new.agent_name, new.respondent_staff_name, new.org_legal_representative),
		concat_ws(' ', new.complainant_phone, new.complainant_id_number, new.account_number, new.org_credit_code),
		concat_ws(' ', new.request_text, new.facts_text, new.grounds_text, new.product_name)
	);
END;
