CREATE TABLE "certificates" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"person_id" uuid NOT NULL,
	"title_key" text NOT NULL,
	"title_zh" text NOT NULL,
	"title_en" text NOT NULL,
	"year" integer NOT NULL,
	"issued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text
);
--> statement-breakpoint
CREATE TABLE "swag_shipments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"person_id" uuid NOT NULL,
	"item" text NOT NULL,
	"reason" text,
	"status" text DEFAULT 'waiting_for_address' NOT NULL,
	"recipient_name" text,
	"address" text,
	"phone" text,
	"tracking" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_issued_by_people_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swag_shipments" ADD CONSTRAINT "swag_shipments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "swag_shipments" ADD CONSTRAINT "swag_shipments_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_key" ON "certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_title_key" ON "certificates" USING btree ("person_id","title_key") WHERE "certificates"."revoked_at" is null;--> statement-breakpoint
CREATE INDEX "swag_shipments_person_idx" ON "swag_shipments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "swag_shipments_status_idx" ON "swag_shipments" USING btree ("status");--> statement-breakpoint
-- Certificates appear on public profiles and verification pages (as in 0002).
CREATE CONSTRAINT TRIGGER "certificates_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "certificates"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "certificates_truncate_content_generation" AFTER TRUNCATE ON "certificates"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
