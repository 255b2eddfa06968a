ALTER TABLE "chapter_events" ALTER COLUMN "title" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "chapter_events" ADD COLUMN "title_zh" text;--> statement-breakpoint
ALTER TABLE "chapter_events" ADD COLUMN "title_en" text;--> statement-breakpoint
-- The single title moves into the field of its language: Chinese when it holds any CJK character.
UPDATE "chapter_events" SET "title_zh" = CASE WHEN "title" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN "title" END, "title_en" = CASE WHEN "title" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN NULL ELSE "title" END WHERE "title_zh" IS NULL AND "title_en" IS NULL;--> statement-breakpoint
ALTER TABLE "chapter_events" ADD CONSTRAINT "chapter_events_title_check" CHECK ("chapter_events"."title_zh" is not null or "chapter_events"."title_en" is not null);
