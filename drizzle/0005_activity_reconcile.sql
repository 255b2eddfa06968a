CREATE TABLE "activity_reconcile_etags" (
	"list" text PRIMARY KEY NOT NULL,
	"url" text NOT NULL,
	"etag" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_reconcile_repos" (
	"repo_id" bigint PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"issues_since" timestamp with time zone,
	"issue_comments_since" timestamp with time zone,
	"review_comments_since" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "activity_reconcile_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone,
	"outcome" text NOT NULL,
	"error" text,
	"reset_at" timestamp with time zone,
	"requests" integer DEFAULT 0 NOT NULL,
	"not_modified" integer DEFAULT 0 NOT NULL,
	"stored" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "activity_reconcile_repos_name_key" ON "activity_reconcile_repos" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "activity_reconcile_runs_started_idx" ON "activity_reconcile_runs" USING btree ("started_at");