ALTER TABLE "episodes" ADD COLUMN "title_zh" text;--> statement-breakpoint
ALTER TABLE "episodes" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "title_zh" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "title_en" text;--> statement-breakpoint
-- A title typed before goes into the field of the show's language (an episode: its show's).
UPDATE "shows" SET "title_zh" = CASE WHEN lower("language") LIKE 'zh%' THEN "title" END, "title_en" = CASE WHEN lower("language") LIKE 'zh%' THEN NULL ELSE "title" END;--> statement-breakpoint
UPDATE "episodes" SET "title_zh" = CASE WHEN lower(s."language") LIKE 'zh%' THEN "episodes"."title" END, "title_en" = CASE WHEN lower(s."language") LIKE 'zh%' THEN NULL ELSE "episodes"."title" END FROM "shows" s WHERE s."id" = "episodes"."show_id";--> statement-breakpoint
ALTER TABLE "episodes" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "shows" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "episodes" ADD CONSTRAINT "episodes_title_check" CHECK ("episodes"."title_zh" is not null or "episodes"."title_en" is not null);--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_title_check" CHECK ("shows"."title_zh" is not null or "shows"."title_en" is not null);
