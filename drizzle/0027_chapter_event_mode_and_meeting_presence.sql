-- Events recorded before Hearth asked for their mode become offline (the default): the health page
-- always described them as offline events, and counting them keeps any chapter from turning at risk
-- or inactive on the day of the upgrade. They stay self-reported, as every hand-recorded event is.
CREATE TABLE "meeting_presence" (
	"id" uuid PRIMARY KEY NOT NULL,
	"meeting_id" uuid NOT NULL,
	"person_id" uuid NOT NULL
);
--> statement-breakpoint
ALTER TABLE "chapter_events" ADD COLUMN "mode" text DEFAULT 'offline' NOT NULL;--> statement-breakpoint
ALTER TABLE "chapter_events" ADD COLUMN "photos_url" text;--> statement-breakpoint
ALTER TABLE "chapters" ADD COLUMN "revived_on" date;--> statement-breakpoint
ALTER TABLE "sig_meetings" ADD COLUMN "presence_recorded_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sig_meetings" ADD COLUMN "presence_recorded_by" uuid;--> statement-breakpoint
ALTER TABLE "meeting_presence" ADD CONSTRAINT "meeting_presence_meeting_id_sig_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."sig_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_presence" ADD CONSTRAINT "meeting_presence_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_presence_key" ON "meeting_presence" USING btree ("meeting_id","person_id");--> statement-breakpoint
CREATE INDEX "meeting_presence_person_idx" ON "meeting_presence" USING btree ("person_id");--> statement-breakpoint
ALTER TABLE "sig_meetings" ADD CONSTRAINT "sig_meetings_presence_recorded_by_people_id_fk" FOREIGN KEY ("presence_recorded_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chapter_events" ADD CONSTRAINT "chapter_events_mode_check" CHECK ("chapter_events"."mode" in ('offline', 'online', 'hybrid'));