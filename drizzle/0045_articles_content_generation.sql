-- Articles, their authors and links appear on public pages (as in 0002): a change moves the
-- content generation so the page cache serves nothing stale. Revisions are console-only.
CREATE CONSTRAINT TRIGGER "articles_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "articles"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "articles_truncate_content_generation" AFTER TRUNCATE ON "articles"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "article_authors_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "article_authors"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "article_links_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "article_links"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
