-- The contributors page and profiles show contributions, GitHub accounts (links, bot marks) and
-- the tracked scope: their changes move the content generation on, as in 0002.
-- An archive import writes thousands of contributions in one transaction; bumping the generation
-- row once per row would leave as many dead row versions, so this variant bumps it once per
-- transaction (a transaction-local setting remembers that it did).
CREATE FUNCTION "bump_content_generation_once"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('hearth.generation_bumped', true) IS DISTINCT FROM txid_current()::text THEN
    UPDATE "content_generation" SET "n" = "n" + 1 WHERE "id" = 1;
    PERFORM set_config('hearth.generation_bumped', txid_current()::text, true);
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "contributions_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "contributions"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "contributions_truncate_content_generation" AFTER TRUNCATE ON "contributions"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "github_accounts_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "github_accounts"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "github_accounts_truncate_content_generation" AFTER TRUNCATE ON "github_accounts"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "activity_scope_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "activity_scope"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation_once"();
--> statement-breakpoint
CREATE TRIGGER "activity_scope_truncate_content_generation" AFTER TRUNCATE ON "activity_scope"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
