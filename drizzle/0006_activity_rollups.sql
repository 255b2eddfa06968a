CREATE TABLE "rollup_contributor_months" (
	"github_id" bigint NOT NULL,
	"month" date NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "rollup_contributor_months_github_id_month_pk" PRIMARY KEY("github_id","month")
);
--> statement-breakpoint
CREATE TABLE "rollup_contributor_totals" (
	"period" text NOT NULL,
	"kind" text NOT NULL,
	"who" text NOT NULL,
	"n" integer NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	CONSTRAINT "rollup_contributor_totals_period_kind_who_pk" PRIMARY KEY("period","kind","who")
);
--> statement-breakpoint
CREATE TABLE "rollup_month_counts" (
	"month" date PRIMARY KEY NOT NULL,
	"contributors" integer NOT NULL,
	"newcomers" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rollup_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"totals_until" timestamp with time zone NOT NULL,
	"months_dirty_from" date,
	"months_version" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "rollup_contributor_months_month_idx" ON "rollup_contributor_months" USING btree ("month");--> statement-breakpoint
CREATE INDEX "rollup_contributor_totals_rank_idx" ON "rollup_contributor_totals" USING btree ("period","kind","n" DESC NULLS LAST,"last_at" DESC NULLS LAST,"who");--> statement-breakpoint
CREATE INDEX "rollup_contributor_totals_who_idx" ON "rollup_contributor_totals" USING btree ("who");