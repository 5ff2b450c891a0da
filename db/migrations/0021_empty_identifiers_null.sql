-- An empty identifier is no identifier: the case writer now stores it as NULL (db/pii/seal-values.ts).
-- Rows written before kept '', which cases_unsealed_idx counted as "waiting to be sealed".
UPDATE `cases` SET `complainant_id_number` = NULL WHERE `complainant_id_number` = '';--> statement-breakpoint
UPDATE `cases` SET `complainant_phone` = NULL WHERE `complainant_phone` = '';--> statement-breakpoint
UPDATE `cases` SET `agent_phone` = NULL WHERE `agent_phone` = '';--> statement-breakpoint
UPDATE `cases` SET `account_number` = NULL WHERE `account_number` = '';
