CREATE TABLE "chapter_team" (
	"id" uuid PRIMARY KEY NOT NULL,
	"chapter_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"role" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"end_reason" text,
	"application_id" uuid
);
--> statement-breakpoint
CREATE TABLE "chapters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"city_zh" text NOT NULL,
	"city_en" text NOT NULL,
	"country" text NOT NULL,
	"location" text,
	"sig_id" uuid NOT NULL,
	"founded_on" date NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"description_zh" text,
	"description_en" text,
	"links" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"contact" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chapter_team" ADD CONSTRAINT "chapter_team_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chapter_team" ADD CONSTRAINT "chapter_team_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chapters" ADD CONSTRAINT "chapters_sig_id_sigs_id_fk" FOREIGN KEY ("sig_id") REFERENCES "public"."sigs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chapter_team_chapter_idx" ON "chapter_team" USING btree ("chapter_id","ended_at");--> statement-breakpoint
CREATE INDEX "chapter_team_person_idx" ON "chapter_team" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "chapter_team_one_leader_key" ON "chapter_team" USING btree ("chapter_id","role") WHERE "chapter_team"."ended_at" is null and "chapter_team"."role" in ('leader', 'vice_leader');--> statement-breakpoint
CREATE UNIQUE INDEX "chapters_slug_key" ON "chapters" USING btree (lower("slug"));