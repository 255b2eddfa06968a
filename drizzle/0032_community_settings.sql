CREATE TABLE "community_settings" (
	"single" boolean PRIMARY KEY DEFAULT true NOT NULL,
	"name_zh" text,
	"name_en" text,
	"description_zh" text,
	"description_en" text,
	"logo_id" uuid,
	"accent" text,
	"accent_dark" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	CONSTRAINT "community_settings_single" CHECK ("community_settings"."single")
);
--> statement-breakpoint
ALTER TABLE "community_settings" ADD CONSTRAINT "community_settings_logo_id_media_files_id_fk" FOREIGN KEY ("logo_id") REFERENCES "public"."media_files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "community_settings" ADD CONSTRAINT "community_settings_updated_by_people_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- The brand shows on every public page: a change moves the page cache's generation (see 0002).
CREATE CONSTRAINT TRIGGER "community_settings_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "community_settings"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "community_settings_truncate_content_generation" AFTER TRUNCATE ON "community_settings"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
