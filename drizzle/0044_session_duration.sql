CREATE TABLE "article_imports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"requested_by" uuid,
	"status" text DEFAULT 'waiting' NOT NULL,
	"files" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"report" jsonb,
	"failure" text,
	"leased_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "event_sessions" ADD COLUMN "duration_minutes" integer;--> statement-breakpoint
ALTER TABLE "article_imports" ADD CONSTRAINT "article_imports_requested_by_people_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_imports_status_idx" ON "article_imports" USING btree ("status","created_at");