CREATE TABLE "search_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"part" text NOT NULL,
	"language" text,
	"title" text NOT NULL,
	"path" text NOT NULL,
	"body" text NOT NULL,
	"anchors" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tokens" "tsvector" NOT NULL,
	"weight" real DEFAULT 1 NOT NULL,
	"visible_from" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_stale" (
	"kind" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "search_documents_item_key" ON "search_documents" USING btree ("kind","ref_id","part");--> statement-breakpoint
CREATE INDEX "search_documents_tokens_idx" ON "search_documents" USING gin ("tokens");--> statement-breakpoint
CREATE UNIQUE INDEX "search_stale_item_key" ON "search_stale" USING btree ("kind","ref_id");