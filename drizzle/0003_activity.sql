CREATE TABLE "activity_scope" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "archive_imports" (
	"file" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"events" integer DEFAULT 0 NOT NULL,
	"matched" integer DEFAULT 0 NOT NULL,
	"malformed" integer DEFAULT 0 NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "contributions" (
	"key" text PRIMARY KEY NOT NULL,
	"github_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"repo_id" bigint NOT NULL,
	"repo_name" text NOT NULL,
	"number" integer,
	"occurred_at" timestamp with time zone NOT NULL,
	"source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "github_accounts" (
	"github_id" bigint PRIMARY KEY NOT NULL,
	"login" text NOT NULL,
	"avatar_url" text,
	"bot_override" boolean,
	"person_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"delivery_id" text PRIMARY KEY NOT NULL,
	"event" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stored" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activity_scope" ADD CONSTRAINT "activity_scope_created_by_people_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "github_accounts" ADD CONSTRAINT "github_accounts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "activity_scope_name_key" ON "activity_scope" USING btree ("kind",lower("name"));--> statement-breakpoint
CREATE INDEX "contributions_actor_time_idx" ON "contributions" USING btree ("github_id","occurred_at");--> statement-breakpoint
CREATE INDEX "contributions_time_idx" ON "contributions" USING btree ("occurred_at");--> statement-breakpoint
CREATE INDEX "github_accounts_person_idx" ON "github_accounts" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "github_accounts_login_idx" ON "github_accounts" USING btree (lower("login"));