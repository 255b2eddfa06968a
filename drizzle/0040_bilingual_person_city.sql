ALTER TABLE "people" ADD COLUMN "city_zh" text;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "city_en" text;--> statement-breakpoint
-- The city typed before moves into the field of its language: Chinese when it holds any CJK character.
UPDATE "people" SET "city_zh" = CASE WHEN "city" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN "city" END, "city_en" = CASE WHEN "city" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN NULL ELSE "city" END WHERE "city" IS NOT NULL;--> statement-breakpoint
ALTER TABLE "people" DROP COLUMN "city";