-- Applications repeated before this rule (the same applicant, type and subject open more than once)
-- keep their oldest; the others are withdrawn, with the reason in their history, so the index below
-- can be built on any existing database.
INSERT INTO "application_events" ("id", "application_id", "at", "kind", "from_state", "to_state", "comment")
  SELECT gen_random_uuid(), "id", now(), 'withdraw', "state", 'withdrawn', 'A repeat of an earlier open application by the same person.'
  FROM (
    SELECT "id", "state", row_number() OVER (
      PARTITION BY "applicant_id", "type", coalesce("subject_id", '00000000-0000-0000-0000-000000000000'::uuid)
      ORDER BY "created_at", "id"
    ) AS "n"
    FROM "applications" WHERE "state" in ('draft', 'submitted', 'info_requested')
  ) AS "ranked" WHERE "n" > 1;--> statement-breakpoint
UPDATE "applications" SET "state" = 'withdrawn', "updated_at" = now()
  WHERE "id" IN (SELECT "application_id" FROM "application_events"
    WHERE "kind" = 'withdraw' AND "actor_id" IS NULL AND "to_state" = 'withdrawn'
      AND "comment" = 'A repeat of an earlier open application by the same person.')
    AND "state" in ('draft', 'submitted', 'info_requested');--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_open_key" ON "applications" USING btree ("applicant_id","type",coalesce("subject_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "applications"."state" in ('draft', 'submitted', 'info_requested');
