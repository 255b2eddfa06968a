CREATE TYPE "public"."article_language" AS ENUM('zh', 'en');--> statement-breakpoint
CREATE TYPE "public"."article_link_kind" AS ENUM('episode', 'event', 'chapter');--> statement-breakpoint
CREATE TYPE "public"."article_status" AS ENUM('draft', 'scheduled', 'published', 'unpublished');--> statement-breakpoint
CREATE TABLE "article_authors" (
	"id" uuid PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"person_id" uuid,
	"name" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "article_authors_who_check" CHECK ("article_authors"."person_id" is not null or "article_authors"."name" is not null)
);
--> statement-breakpoint
CREATE TABLE "article_links" (
	"id" uuid PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"kind" "article_link_kind" NOT NULL,
	"episode_id" uuid,
	"event_id" uuid,
	"chapter_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "article_links_target_check" CHECK (("article_links"."kind" = 'episode' and "article_links"."episode_id" is not null and "article_links"."event_id" is null and "article_links"."chapter_id" is null)
        or ("article_links"."kind" = 'event' and "article_links"."event_id" is not null and "article_links"."episode_id" is null and "article_links"."chapter_id" is null)
        or ("article_links"."kind" = 'chapter' and "article_links"."chapter_id" is not null and "article_links"."episode_id" is null and "article_links"."event_id" is null))
);
--> statement-breakpoint
CREATE TABLE "article_revisions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"article_id" uuid NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"meta" jsonb NOT NULL,
	"source" text NOT NULL,
	"edited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "articles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"slug" text NOT NULL,
	"language" "article_language" NOT NULL,
	"title" text NOT NULL,
	"summary" text,
	"body" text DEFAULT '' NOT NULL,
	"status" "article_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"cover_url" text,
	"cover" jsonb,
	"tags" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"original_url" text,
	"translator" text,
	"translator_id" uuid,
	"canonical_to_original" boolean DEFAULT false NOT NULL,
	"source_path" text,
	"translation_group" uuid NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "articles_publish_date_check" CHECK ("articles"."status" not in ('scheduled', 'published') or "articles"."published_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "article_authors" ADD CONSTRAINT "article_authors_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_authors" ADD CONSTRAINT "article_authors_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_links" ADD CONSTRAINT "article_links_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_links" ADD CONSTRAINT "article_links_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_links" ADD CONSTRAINT "article_links_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_links" ADD CONSTRAINT "article_links_chapter_id_chapters_id_fk" FOREIGN KEY ("chapter_id") REFERENCES "public"."chapters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revisions" ADD CONSTRAINT "article_revisions_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "article_revisions" ADD CONSTRAINT "article_revisions_edited_by_people_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_translator_id_people_id_fk" FOREIGN KEY ("translator_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "articles" ADD CONSTRAINT "articles_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "article_authors_article_idx" ON "article_authors" USING btree ("article_id","position");--> statement-breakpoint
CREATE INDEX "article_authors_person_idx" ON "article_authors" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "article_links_target_key" ON "article_links" USING btree ("article_id","kind",coalesce("episode_id", "event_id", "chapter_id"));--> statement-breakpoint
CREATE INDEX "article_links_episode_idx" ON "article_links" USING btree ("episode_id");--> statement-breakpoint
CREATE INDEX "article_links_event_idx" ON "article_links" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "article_links_chapter_idx" ON "article_links" USING btree ("chapter_id");--> statement-breakpoint
CREATE INDEX "article_revisions_article_idx" ON "article_revisions" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_slug_key" ON "articles" USING btree (lower("slug"));--> statement-breakpoint
CREATE UNIQUE INDEX "articles_source_path_key" ON "articles" USING btree ("source_path");--> statement-breakpoint
CREATE UNIQUE INDEX "articles_translation_language_key" ON "articles" USING btree ("translation_group","language");--> statement-breakpoint
CREATE INDEX "articles_public_idx" ON "articles" USING btree ("language","published_at");