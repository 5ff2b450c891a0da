-- Events stored before the background projector were projected in their push's transaction.
INSERT INTO "projection_cursors" ("branch_code", "projected_ingest_id")
SELECT "branch_code", max("ingest_id") FROM "events" GROUP BY "branch_code"
ON CONFLICT ("branch_code") DO NOTHING;
