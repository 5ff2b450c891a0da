CREATE TABLE "projection_cursors" (
	"branch_code" text PRIMARY KEY NOT NULL,
	"projected_ingest_id" bigint DEFAULT 0 NOT NULL,
	"projected_at" bigint
);
