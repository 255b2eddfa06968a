CREATE TYPE "public"."session_level" AS ENUM('beginner', 'intermediate', 'advanced');--> statement-breakpoint
CREATE TABLE "event_tracks" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"name_zh" text,
	"name_en" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "event_tracks_name_check" CHECK ("event_tracks"."name_zh" is not null or "event_tracks"."name_en" is not null)
);
--> statement-breakpoint
CREATE TABLE "programme_reviewers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"track_id" uuid,
	"person_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_decisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"proposal_id" uuid NOT NULL,
	"decision" text NOT NULL,
	"queued_by" uuid,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"sent_by" uuid,
	CONSTRAINT "proposal_decisions_decision_check" CHECK ("proposal_decisions"."decision" in ('accept', 'reject'))
);
--> statement-breakpoint
CREATE TABLE "proposal_reviews" (
	"id" uuid PRIMARY KEY NOT NULL,
	"proposal_id" uuid NOT NULL,
	"reviewer_id" uuid NOT NULL,
	"score" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"replaced_at" timestamp with time zone,
	CONSTRAINT "proposal_reviews_score_check" CHECK ("proposal_reviews"."score" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "proposal_speakers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"proposal_id" uuid NOT NULL,
	"person_id" uuid,
	"email" text,
	"github_login" text,
	"position" integer DEFAULT 0 NOT NULL,
	"secret" text NOT NULL,
	"confirmed_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposal_speakers_who_check" CHECK ("proposal_speakers"."person_id" is not null or "proposal_speakers"."email" is not null or "proposal_speakers"."github_login" is not null)
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"event_id" uuid NOT NULL,
	"application_id" uuid NOT NULL,
	"speaker_id" uuid NOT NULL,
	"title" text NOT NULL,
	"abstract" text NOT NULL,
	"description" text,
	"level" "session_level",
	"duration_minutes" integer NOT NULL,
	"kind" "session_kind" DEFAULT 'talk' NOT NULL,
	"track_id" uuid,
	"language" text,
	"notes" text,
	"state" text DEFAULT 'submitted' NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "proposals_duration_check" CHECK ("proposals"."duration_minutes" > 0 and "proposals"."duration_minutes" <= 1440),
	CONSTRAINT "proposals_state_check" CHECK ("proposals"."state" in ('submitted', 'in_review', 'accepted', 'rejected', 'confirmed', 'withdrawn', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "speaker_calls" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"fields" jsonb DEFAULT '["description","level","kind","track","language","coSpeakers","notes"]'::jsonb NOT NULL,
	"durations" jsonb DEFAULT '[30,45]'::jsonb NOT NULL,
	"anonymous_reviews" boolean DEFAULT false NOT NULL,
	"accept_template_zh" text,
	"accept_template_en" text,
	"reject_template_zh" text,
	"reject_template_en" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "speaker_calls_window_check" CHECK ("speaker_calls"."closes_at" > "speaker_calls"."opens_at")
);
--> statement-breakpoint
DROP INDEX "applications_one_open_key";--> statement-breakpoint
ALTER TABLE "event_sessions" ADD COLUMN "track_id" uuid;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD COLUMN "level" "session_level";--> statement-breakpoint
ALTER TABLE "event_sessions" ADD COLUMN "proposal_id" uuid;--> statement-breakpoint
ALTER TABLE "event_tracks" ADD CONSTRAINT "event_tracks_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reviewers" ADD CONSTRAINT "programme_reviewers_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reviewers" ADD CONSTRAINT "programme_reviewers_track_id_event_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."event_tracks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programme_reviewers" ADD CONSTRAINT "programme_reviewers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_decisions" ADD CONSTRAINT "proposal_decisions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_decisions" ADD CONSTRAINT "proposal_decisions_queued_by_people_id_fk" FOREIGN KEY ("queued_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_decisions" ADD CONSTRAINT "proposal_decisions_sent_by_people_id_fk" FOREIGN KEY ("sent_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_reviews" ADD CONSTRAINT "proposal_reviews_reviewer_id_people_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_speakers" ADD CONSTRAINT "proposal_speakers_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_speakers" ADD CONSTRAINT "proposal_speakers_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_speaker_id_people_id_fk" FOREIGN KEY ("speaker_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_track_id_event_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."event_tracks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "speaker_calls" ADD CONSTRAINT "speaker_calls_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_tracks_event_idx" ON "event_tracks" USING btree ("event_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "programme_reviewers_key" ON "programme_reviewers" USING btree ("event_id","person_id",coalesce("track_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
CREATE INDEX "programme_reviewers_person_idx" ON "programme_reviewers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_decisions_queued_key" ON "proposal_decisions" USING btree ("proposal_id") WHERE "proposal_decisions"."sent_at" is null;--> statement-breakpoint
CREATE INDEX "proposal_reviews_proposal_idx" ON "proposal_reviews" USING btree ("proposal_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_reviews_current_key" ON "proposal_reviews" USING btree ("proposal_id","reviewer_id") WHERE "proposal_reviews"."replaced_at" is null;--> statement-breakpoint
CREATE INDEX "proposal_speakers_proposal_idx" ON "proposal_speakers" USING btree ("proposal_id","position");--> statement-breakpoint
CREATE INDEX "proposal_speakers_person_idx" ON "proposal_speakers" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "proposal_speakers_secret_key" ON "proposal_speakers" USING btree ("secret");--> statement-breakpoint
CREATE UNIQUE INDEX "proposals_application_key" ON "proposals" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "proposals_event_idx" ON "proposals" USING btree ("event_id","state","submitted_at");--> statement-breakpoint
CREATE INDEX "proposals_speaker_idx" ON "proposals" USING btree ("speaker_id","submitted_at");--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_track_id_event_tracks_id_fk" FOREIGN KEY ("track_id") REFERENCES "public"."event_tracks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_sessions_proposal_key" ON "event_sessions" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "event_sessions_track_idx" ON "event_sessions" USING btree ("track_id");--> statement-breakpoint
CREATE UNIQUE INDEX "applications_one_open_key" ON "applications" USING btree ("applicant_id","type",coalesce("subject_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "applications"."state" in ('draft', 'submitted', 'info_requested') and "applications"."type" <> 'talk-proposal';