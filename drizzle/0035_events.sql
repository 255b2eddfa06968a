CREATE TYPE "public"."event_attendance_mode" AS ENUM('offline', 'online', 'hybrid');--> statement-breakpoint
CREATE TYPE "public"."event_kind" AS ENUM('meetup', 'conference');--> statement-breakpoint
CREATE TYPE "public"."event_status" AS ENUM('draft', 'published', 'postponed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."registration_status" AS ENUM('confirmed', 'waitlisted', 'pending', 'declined', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."session_kind" AS ENUM('talk', 'keynote', 'panel', 'roundtable', 'lightning', 'workshop', 'special', 'meetup', 'podcast', 'break');--> statement-breakpoint
CREATE TYPE "public"."speaker_role" AS ENUM('speaker', 'moderator', 'panelist', 'host');--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_secret_unique" UNIQUE("secret")
);
--> statement-breakpoint
CREATE TABLE "event_checkins" (
	"id" uuid PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"checked_in_at" timestamp with time zone DEFAULT now() NOT NULL,
	"checked_in_by" uuid
);
--> statement-breakpoint
CREATE TABLE "event_organisers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "registration_status" NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ticket_code" text NOT NULL,
	"added_by_organiser" uuid,
	"confirmed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"starting_soon_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_rooms" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"name_zh" text,
	"name_en" text,
	"capacity" integer,
	"position" integer DEFAULT 0 NOT NULL,
	"guid" uuid DEFAULT gen_random_uuid() NOT NULL,
	CONSTRAINT "event_rooms_name_check" CHECK ("event_rooms"."name_zh" is not null or "event_rooms"."name_en" is not null)
);
--> statement-breakpoint
CREATE TABLE "event_seats" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"confirmed" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "event_seats_confirmed_check" CHECK ("event_seats"."confirmed" >= 0)
);
--> statement-breakpoint
CREATE TABLE "event_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" "session_kind" DEFAULT 'talk' NOT NULL,
	"title_zh" text,
	"title_en" text,
	"abstract_zh" text,
	"abstract_en" text,
	"language" text,
	"room_id" uuid,
	"starts_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"episode_id" uuid,
	"video_url" text,
	"slides_url" text,
	"position" integer DEFAULT 0 NOT NULL,
	"guid" uuid DEFAULT gen_random_uuid() NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_sessions_title_check" CHECK ("event_sessions"."title_zh" is not null or "event_sessions"."title_en" is not null),
	CONSTRAINT "event_sessions_times_check" CHECK ("event_sessions"."ends_at" is null or "event_sessions"."starts_at" is null or "event_sessions"."ends_at" > "event_sessions"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "event_sponsors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"name_zh" text,
	"name_en" text,
	"url" text,
	"logo" jsonb,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "event_sponsors_name_check" CHECK ("event_sponsors"."name_zh" is not null or "event_sponsors"."name_en" is not null)
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"kind" "event_kind" NOT NULL,
	"mode" "event_attendance_mode" NOT NULL,
	"chapter_id" uuid,
	"title_zh" text,
	"title_en" text,
	"summary_zh" text,
	"summary_en" text,
	"description_zh" text,
	"description_en" text,
	"time_zone" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"venue_zh" text,
	"venue_en" text,
	"address" text,
	"country" text,
	"map_url" text,
	"accessibility_zh" text,
	"accessibility_en" text,
	"online_url" text,
	"cover" jsonb,
	"status" "event_status" DEFAULT 'draft' NOT NULL,
	"capacity" integer,
	"requires_approval" boolean DEFAULT false NOT NULL,
	"registration_opens_at" timestamp with time zone,
	"registration_closes_at" timestamp with time zone,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"previous_edition_id" uuid,
	"created_by" uuid,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_title_check" CHECK ("events"."title_zh" is not null or "events"."title_en" is not null),
	CONSTRAINT "events_meetup_chapter_check" CHECK ("events"."kind" <> 'meetup' or "events"."chapter_id" is not null),
	CONSTRAINT "events_times_check" CHECK ("events"."ends_at" > "events"."starts_at"),
	CONSTRAINT "events_capacity_check" CHECK ("events"."capacity" is null or "events"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "session_speakers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"person_id" uuid,
	"name_zh" text,
	"name_en" text,
	"affiliation" text,
	"role" "speaker_role" DEFAULT 'speaker' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "session_speakers_who_check" CHECK ("session_speakers"."person_id" is not null or "session_speakers"."name_zh" is not null or "session_speakers"."name_en" is not null)
);
--> statement-breakpoint
CREATE TABLE "volunteer_roles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"name_zh" text,
	"name_en" text,
	"description_zh" text,
	"description_en" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "volunteer_roles_name_check" CHECK ("volunteer_roles"."name_zh" is not null or "volunteer_roles"."name_en" is not null)
);
--> statement-breakpoint
CREATE TABLE "volunteer_shifts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"role_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"slots" integer NOT NULL,
	CONSTRAINT "volunteer_shifts_times_check" CHECK ("volunteer_shifts"."ends_at" > "volunteer_shifts"."starts_at"),
	CONSTRAINT "volunteer_shifts_slots_check" CHECK ("volunteer_shifts"."slots" > 0)
);
--> statement-breakpoint
CREATE TABLE "volunteer_signups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"shift_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_checkins" ADD CONSTRAINT "event_checkins_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_checkins" ADD CONSTRAINT "event_checkins_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_checkins" ADD CONSTRAINT "event_checkins_checked_in_by_people_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_organisers" ADD CONSTRAINT "event_organisers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_organisers" ADD CONSTRAINT "event_organisers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_added_by_organiser_people_id_fk" FOREIGN KEY ("added_by_organiser") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_rooms" ADD CONSTRAINT "event_rooms_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_seats" ADD CONSTRAINT "event_seats_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_room_id_event_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."event_rooms"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sponsors" ADD CONSTRAINT "event_sponsors_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_speakers" ADD CONSTRAINT "session_speakers_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_speakers" ADD CONSTRAINT "session_speakers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_roles" ADD CONSTRAINT "volunteer_roles_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_shifts" ADD CONSTRAINT "volunteer_shifts_role_id_volunteer_roles_id_fk" FOREIGN KEY ("role_id") REFERENCES "public"."volunteer_roles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_shift_id_volunteer_shifts_id_fk" FOREIGN KEY ("shift_id") REFERENCES "public"."volunteer_shifts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "volunteer_signups" ADD CONSTRAINT "volunteer_signups_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_checkins_registration_key" ON "event_checkins" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "event_checkins_event_idx" ON "event_checkins" USING btree ("event_id","checked_in_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_organisers_key" ON "event_organisers" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE INDEX "event_organisers_person_idx" ON "event_organisers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_person_key" ON "event_registrations" USING btree ("event_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_ticket_key" ON "event_registrations" USING btree ("ticket_code");--> statement-breakpoint
CREATE INDEX "event_registrations_queue_idx" ON "event_registrations" USING btree ("event_id","status","queued_at","id");--> statement-breakpoint
CREATE INDEX "event_registrations_person_idx" ON "event_registrations" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "event_rooms_event_idx" ON "event_rooms" USING btree ("event_id","position");--> statement-breakpoint
CREATE INDEX "event_sessions_event_idx" ON "event_sessions" USING btree ("event_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "event_sessions_guid_key" ON "event_sessions" USING btree ("guid");--> statement-breakpoint
CREATE INDEX "event_sponsors_event_idx" ON "event_sponsors" USING btree ("event_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "events_slug_key" ON "events" USING btree (lower("slug"));--> statement-breakpoint
CREATE INDEX "events_starts_idx" ON "events" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "events_chapter_idx" ON "events" USING btree ("chapter_id","starts_at");--> statement-breakpoint
CREATE INDEX "session_speakers_session_idx" ON "session_speakers" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "session_speakers_person_idx" ON "session_speakers" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "volunteer_roles_event_idx" ON "volunteer_roles" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "volunteer_shifts_role_idx" ON "volunteer_shifts" USING btree ("role_id","starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "volunteer_signups_key" ON "volunteer_signups" USING btree ("shift_id","person_id");--> statement-breakpoint
-- What public event pages show moves the page cache's generation (see 0002). Seats, registrations,
-- check-ins and volunteer sign-ups do not: pages showing them are kept briefly instead.
CREATE CONSTRAINT TRIGGER "events_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "events"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "events_truncate_content_generation" AFTER TRUNCATE ON "events"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "event_organisers_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "event_organisers"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "event_organisers_truncate_content_generation" AFTER TRUNCATE ON "event_organisers"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "event_sponsors_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "event_sponsors"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "event_sponsors_truncate_content_generation" AFTER TRUNCATE ON "event_sponsors"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "event_rooms_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "event_rooms"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "event_rooms_truncate_content_generation" AFTER TRUNCATE ON "event_rooms"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "event_sessions_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "event_sessions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "event_sessions_truncate_content_generation" AFTER TRUNCATE ON "event_sessions"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "session_speakers_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "session_speakers"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "session_speakers_truncate_content_generation" AFTER TRUNCATE ON "session_speakers"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "volunteer_roles_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "volunteer_roles"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "volunteer_roles_truncate_content_generation" AFTER TRUNCATE ON "volunteer_roles"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "volunteer_shifts_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "volunteer_shifts"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "volunteer_shifts_truncate_content_generation" AFTER TRUNCATE ON "volunteer_shifts"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
