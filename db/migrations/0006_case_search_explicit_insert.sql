-- New cases are added to the full-text index by db/repos/case-search.repo.ts `indexNewCases`, in the
-- same transaction as the insert, instead of by an AFTER INSERT trigger. Measured: writing to
-- `cases` and to the FTS5 table row by row (trigger or not) makes FTS5 flush its pending terms on
-- every statement, ~2,800 cases/s; one INSERT … SELECT per batch lets it build segments in memory,
-- ~7,400 cases/s on the same machine. Updates and deletes keep their triggers (they are rare).
DROP TRIGGER IF EXISTS `cases_search_insert`;
