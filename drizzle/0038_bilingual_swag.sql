ALTER TABLE "swag_shipments" ADD COLUMN "item_zh" text;--> statement-breakpoint
ALTER TABLE "swag_shipments" ADD COLUMN "item_en" text;--> statement-breakpoint
ALTER TABLE "swag_shipments" ADD COLUMN "reason_zh" text;--> statement-breakpoint
ALTER TABLE "swag_shipments" ADD COLUMN "reason_en" text;--> statement-breakpoint
-- The item and the reason typed before move into the field of their language: Chinese when they hold any CJK character.
UPDATE "swag_shipments" SET "item_zh" = CASE WHEN "item" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN "item" END, "item_en" = CASE WHEN "item" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN NULL ELSE "item" END, "reason_zh" = CASE WHEN "reason" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN "reason" END, "reason_en" = CASE WHEN "reason" ~ '[\u3400-\u9fff\uf900-\ufaff]' THEN NULL ELSE "reason" END;--> statement-breakpoint
ALTER TABLE "swag_shipments" DROP COLUMN "item";--> statement-breakpoint
ALTER TABLE "swag_shipments" DROP COLUMN "reason";--> statement-breakpoint
ALTER TABLE "swag_shipments" ADD CONSTRAINT "swag_shipments_item_check" CHECK ("swag_shipments"."item_zh" is not null or "swag_shipments"."item_en" is not null);