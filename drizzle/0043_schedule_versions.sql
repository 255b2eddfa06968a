CREATE TABLE "schedule_conflict_acceptances" (
	"event_id" uuid NOT NULL,
	"key" text NOT NULL,
	"accepted_by" uuid,
	"accepted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "schedule_conflict_acceptances_event_id_key_pk" PRIMARY KEY("event_id","key")
);
--> statement-breakpoint
CREATE TABLE "schedule_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"version" text NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"published_by" uuid,
	"change_log" jsonb NOT NULL,
	"snapshot" jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "session_stars" (
	"person_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_stars_person_id_session_id_pk" PRIMARY KEY("person_id","session_id")
);
--> statement-breakpoint
ALTER TABLE "schedule_conflict_acceptances" ADD CONSTRAINT "schedule_conflict_acceptances_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_conflict_acceptances" ADD CONSTRAINT "schedule_conflict_acceptances_accepted_by_people_id_fk" FOREIGN KEY ("accepted_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_versions" ADD CONSTRAINT "schedule_versions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_versions" ADD CONSTRAINT "schedule_versions_published_by_people_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_stars" ADD CONSTRAINT "session_stars_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_stars" ADD CONSTRAINT "session_stars_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "schedule_versions_event_version_key" ON "schedule_versions" USING btree ("event_id","version");--> statement-breakpoint
CREATE INDEX "schedule_versions_event_idx" ON "schedule_versions" USING btree ("event_id","published_at");--> statement-breakpoint
CREATE INDEX "session_stars_session_idx" ON "session_stars" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "session_stars_person_idx" ON "session_stars" USING btree ("person_id","created_at");--> statement-breakpoint
-- The public schedule and its files name the latest published version: kept pages move on with it.
CREATE CONSTRAINT TRIGGER "schedule_versions_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "schedule_versions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "schedule_versions_truncate_content_generation" AFTER TRUNCATE ON "schedule_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
