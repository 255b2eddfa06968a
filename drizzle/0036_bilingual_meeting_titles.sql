ALTER TABLE "agenda_items" ADD COLUMN "title_zh" text;--> statement-breakpoint
ALTER TABLE "agenda_items" ADD COLUMN "title_en" text;--> statement-breakpoint
ALTER TABLE "sig_meetings" ADD COLUMN "title_zh" text;--> statement-breakpoint
ALTER TABLE "sig_meetings" ADD COLUMN "title_en" text;--> statement-breakpoint
-- A title typed before moves into the field of its language: Chinese when it holds any CJK character.
UPDATE "sig_meetings" SET "title_zh" = CASE WHEN "title" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN "title" END, "title_en" = CASE WHEN "title" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN NULL ELSE "title" END;--> statement-breakpoint
UPDATE "agenda_items" SET "title_zh" = CASE WHEN "title" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN "title" END, "title_en" = CASE WHEN "title" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN NULL ELSE "title" END;--> statement-breakpoint
ALTER TABLE "agenda_items" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "sig_meetings" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_title_check" CHECK ("agenda_items"."title_zh" is not null or "agenda_items"."title_en" is not null);--> statement-breakpoint
ALTER TABLE "sig_meetings" ADD CONSTRAINT "sig_meetings_title_check" CHECK ("sig_meetings"."title_zh" is not null or "sig_meetings"."title_en" is not null);