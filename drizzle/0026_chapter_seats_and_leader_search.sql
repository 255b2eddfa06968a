ALTER TABLE "application_events" ADD COLUMN "detail" jsonb;--> statement-breakpoint
ALTER TABLE "chapter_team" ADD COLUMN "appointed_by" uuid;--> statement-breakpoint
ALTER TABLE "chapter_team" ADD COLUMN "override_reason" text;--> statement-breakpoint
ALTER TABLE "chapters" ADD COLUMN "leader_wanted_until" date;--> statement-breakpoint
ALTER TABLE "chapter_team" ADD CONSTRAINT "chapter_team_appointed_by_people_id_fk" FOREIGN KEY ("appointed_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- A person seated twice in one chapter (a former vice-leader who re-founded it as leader) keeps
-- the higher seat; the other ends now, with the reason in the history.
UPDATE "chapter_team" AS t SET "ended_at" = now(), "end_reason" = 'one seat per person'
WHERE t."ended_at" IS NULL AND EXISTS (
  SELECT 1 FROM "chapter_team" AS o
  WHERE o."chapter_id" = t."chapter_id" AND o."person_id" = t."person_id" AND o."ended_at" IS NULL
    AND o."id" <> t."id"
    AND (array_position(ARRAY['leader','vice_leader','member'], o."role"), o."started_at", o."id")
      < (array_position(ARRAY['leader','vice_leader','member'], t."role"), t."started_at", t."id")
);--> statement-breakpoint
CREATE UNIQUE INDEX "chapter_team_one_seat_key" ON "chapter_team" USING btree ("chapter_id","person_id") WHERE "chapter_team"."ended_at" is null;