CREATE TABLE "download_salts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"salt" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "downloads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"episode_id" uuid NOT NULL,
	"show_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"day" date NOT NULL,
	"app" text NOT NULL,
	"country" text
);
--> statement-breakpoint
CREATE TABLE "listener_windows" (
	"episode_id" uuid NOT NULL,
	"listener" text NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"ranges" jsonb NOT NULL,
	"counted" boolean DEFAULT false NOT NULL,
	CONSTRAINT "listener_windows_episode_id_listener_pk" PRIMARY KEY("episode_id","listener")
);
--> statement-breakpoint
ALTER TABLE "downloads" ADD CONSTRAINT "downloads_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "downloads" ADD CONSTRAINT "downloads_show_id_shows_id_fk" FOREIGN KEY ("show_id") REFERENCES "public"."shows"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "listener_windows" ADD CONSTRAINT "listener_windows_episode_id_episodes_id_fk" FOREIGN KEY ("episode_id") REFERENCES "public"."episodes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "downloads_show_day_idx" ON "downloads" USING btree ("show_id","day");--> statement-breakpoint
CREATE INDEX "downloads_episode_day_idx" ON "downloads" USING btree ("episode_id","day");--> statement-breakpoint
CREATE INDEX "listener_windows_start_idx" ON "listener_windows" USING btree ("window_start");