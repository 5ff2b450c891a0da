-- The respondent (被投诉机构/单位: an imported file's "Company", the staff member's unit) becomes
-- searchable: it joins the `names` column of the full-text index (db/repos/case-search.repo.ts
-- INDEXED_TEXT is the same list). The update trigger follows, and the cases already in the index
-- that name a respondent are indexed again; the others' entries are unchanged.
DROP TRIGGER IF EXISTS `cases_search_update`;
--> statement-breakpoint
CREATE TRIGGER `cases_search_update` AFTER UPDATE OF
	case_no, complainant_name, agent_name, respondent_staff_name, org_legal_representative,
	respondent_unit, respondent_staff_unit,
	complainant_phone, complainant_id_number, account_number, org_credit_code,
	request_text, facts_text, grounds_text, product_name
ON `cases`
WHEN old.row_no <= (SELECT `indexed_up_to` FROM `case_search_state` WHERE `id` = 1)
BEGIN
	DELETE FROM `case_search` WHERE rowid = old.row_no;
	INSERT INTO `case_search` (rowid, case_no, names, contacts, narrative) VALUES (
		new.row_no,
		new.case_no,
		concat_ws(' ', new.complainant_name, new.agent_name, new.respondent_staff_name, new.org_legal_representative, new.respondent_unit, new.respondent_staff_unit),
		concat_ws(' ', new.complainant_phone, new.complainant_id_number, new.account_number, new.org_credit_code),
		concat_ws(' ', new.request_text, new.facts_text, new.grounds_text, new.product_name)
	);
END;
--> statement-breakpoint
DELETE FROM `case_search` WHERE rowid IN (
	SELECT row_no FROM `cases`
	WHERE (respondent_unit IS NOT NULL OR respondent_staff_unit IS NOT NULL)
		AND row_no <= (SELECT `indexed_up_to` FROM `case_search_state` WHERE `id` = 1)
);
--> statement-breakpoint
INSERT INTO `case_search` (rowid, case_no, names, contacts, narrative)
SELECT row_no, case_no,
	concat_ws(' ', complainant_name, agent_name, respondent_staff_name, org_legal_representative, respondent_unit, respondent_staff_unit),
	concat_ws(' ', complainant_phone, complainant_id_number, account_number, org_credit_code),
	concat_ws(' ', request_text, facts_text, grounds_text, product_name)
FROM `cases`
WHERE (respondent_unit IS NOT NULL OR respondent_staff_unit IS NOT NULL)
	AND row_no <= (SELECT `indexed_up_to` FROM `case_search_state` WHERE `id` = 1);
