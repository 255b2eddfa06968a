CREATE TABLE "podcast_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"requested_by" uuid,
	"source_url" text,
	"feed_xml" text,
	"slug" text,
	"hosts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"show_id" uuid,
	"status" text DEFAULT 'waiting' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"current" text,
	"problems" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"failure" text,
	"leased_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "txts" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "imported_from" text;--> statement-breakpoint
ALTER TABLE "podcast_imports" ADD CONSTRAINT "podcast_imports_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "podcast_imports" ADD CONSTRAINT "podcast_imports_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "podcast_imports_status_idx" ON "podcast_imports" USING btree ("status","created_at");