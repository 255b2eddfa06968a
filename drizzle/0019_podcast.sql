CREATE TABLE "episode_guests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"episode_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text,
	"url" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "episodes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"show_id" uuid NOT NULL,
	"guid" text NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"publish_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"season" integer,
	"number" integer,
	"type" text DEFAULT 'full' NOT NULL,
	"explicit" boolean DEFAULT false NOT NULL,
	"audio_id" uuid,
	"art_id" uuid,
	"sponsor" text,
	"video_url" text,
	"chapters" text DEFAULT '' NOT NULL,
	"transcript_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "show_feeds" (
	"show_id" uuid PRIMARY KEY NOT NULL,
	"xml" text NOT NULL,
	"etag" text NOT NULL,
	"rendered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "show_hosts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"show_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shows" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"language" text NOT NULL,
	"categories" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"explicit" boolean DEFAULT false NOT NULL,
	"type" text DEFAULT 'episodic' NOT NULL,
	"cover_id" uuid,
	"cover_credit" text,
	"owner_name" text NOT NULL,
	"owner_email" text NOT NULL,
	"copyright" text,
	"fundings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"platforms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"podcast_guid" uuid NOT NULL,
	"locked" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "episode_guests" ADD CONSTRAINT "episode_guests_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episode_guests" ADD CONSTRAINT "episode_guests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_audio_id_media_files_id_fk" FOREIGN KEY ("audio_id") REFERENCES "public"."media_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_art_id_media_files_id_fk" FOREIGN KEY ("art_id") REFERENCES "public"."media_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_transcript_id_media_files_id_fk" FOREIGN KEY ("transcript_id") REFERENCES "public"."media_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "show_feeds" ADD CONSTRAINT "show_feeds_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "show_hosts" ADD CONSTRAINT "show_hosts_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "show_hosts" ADD CONSTRAINT "show_hosts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_cover_id_media_files_id_fk" FOREIGN KEY ("cover_id") REFERENCES "public"."media_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "episode_guests_episode_idx" ON "episode_guests" USING btree ("episode_id");--> statement-breakpoint
CREATE UNIQUE INDEX "episodes_slug_key" ON "episodes" USING btree ("show_id",lower("slug"));--> statement-breakpoint
CREATE UNIQUE INDEX "episodes_guid_key" ON "episodes" USING btree ("show_id","guid");--> statement-breakpoint
CREATE INDEX "episodes_status_idx" ON "episodes" USING btree ("status","publish_at");--> statement-breakpoint
CREATE UNIQUE INDEX "show_hosts_key" ON "show_hosts" USING btree ("show_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "shows_slug_key" ON "shows" USING btree (lower("slug"));--> statement-breakpoint
-- Shows and episodes appear on public pages (as in 0002).
CREATE CONSTRAINT TRIGGER "shows_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "shows"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "show_hosts_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "show_hosts"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "episodes_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "episodes"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "episode_guests_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "episode_guests"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
