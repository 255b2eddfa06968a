ALTER TABLE "shows" ADD COLUMN "description_zh" text;--> statement-breakpoint
ALTER TABLE "shows" ADD COLUMN "description_en" text;--> statement-breakpoint
-- A description typed before goes into the field of the show's language, as its title did (0033).
UPDATE "shows" SET "description_zh" = CASE WHEN lower("language") LIKE 'zh%' THEN "description" END, "description_en" = CASE WHEN lower("language") LIKE 'zh%' THEN NULL ELSE "description" END;--> statement-breakpoint
ALTER TABLE "shows" DROP COLUMN "description";--> statement-breakpoint
ALTER TABLE "shows" ADD CONSTRAINT "shows_description_check" CHECK ("shows"."description_zh" is not null or "shows"."description_en" is not null);