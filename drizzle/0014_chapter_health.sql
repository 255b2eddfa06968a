CREATE TABLE "chapter_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"chapter_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"title" text NOT NULL,
	"attendance" integer,
	"link" text,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "chapter_exemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"chapter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"until" date NOT NULL,
	"recorded_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chapters" ADD COLUMN "status_since" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "chapter_events" ADD CONSTRAINT "chapter_events_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chapter_events" ADD CONSTRAINT "chapter_events_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chapter_exemptions" ADD CONSTRAINT "chapter_exemptions_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chapter_exemptions" ADD CONSTRAINT "chapter_exemptions_recorded_by_people_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chapter_events_chapter_idx" ON "chapter_events" USING btree ("chapter_id","held_on");--> statement-breakpoint
CREATE INDEX "chapter_exemptions_chapter_idx" ON "chapter_exemptions" USING btree ("chapter_id","until");--> statement-breakpoint
-- Recorded events and exemptions appear on public chapter pages (as in 0002).
CREATE CONSTRAINT TRIGGER "chapter_events_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "chapter_events"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "chapter_events_truncate_content_generation" AFTER TRUNCATE ON "chapter_events"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "chapter_exemptions_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "chapter_exemptions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "chapter_exemptions_truncate_content_generation" AFTER TRUNCATE ON "chapter_exemptions"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
