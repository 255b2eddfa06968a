-- Chapters and their teams appear on public pages: their changes move the content generation
-- on, as in 0002.
CREATE CONSTRAINT TRIGGER "chapters_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "chapters"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "chapters_truncate_content_generation" AFTER TRUNCATE ON "chapters"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "chapter_team_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "chapter_team"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "chapter_team_truncate_content_generation" AFTER TRUNCATE ON "chapter_team"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
