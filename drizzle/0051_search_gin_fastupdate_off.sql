DROP INDEX "search_documents_tokens_idx";--> statement-breakpoint
DROP INDEX "search_documents_title_tokens_idx";--> statement-breakpoint
CREATE INDEX "search_documents_tokens_idx" ON "search_documents" USING gin ("tokens") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "search_documents_title_tokens_idx" ON "search_documents" USING gin ("title_tokens") WITH (fastupdate=false);