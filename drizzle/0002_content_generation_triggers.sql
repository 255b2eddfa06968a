-- Every change to a table that public pages show moves the content generation on, so each app
-- process's page cache (src/platform/http/page-cache.ts) notices it. The triggers are deferred
-- to commit: the generation row is the last lock a transaction takes, so two writers cannot
-- deadlock over it, and readers see the new number exactly when they can see the new data.
-- A feature whose tables appear on public pages adds the same two triggers in its migration.
INSERT INTO "content_generation" ("id", "n") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION "bump_content_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "content_generation" SET "n" = "n" + 1 WHERE "id" = 1;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "people_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "people"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "people_truncate_content_generation" AFTER TRUNCATE ON "people"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "role_grants_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "role_grants"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "role_grants_truncate_content_generation" AFTER TRUNCATE ON "role_grants"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "sigs_content_generation" AFTER INSERT OR UPDATE OR DELETE ON "sigs"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_content_generation"();
--> statement-breakpoint
CREATE TRIGGER "sigs_truncate_content_generation" AFTER TRUNCATE ON "sigs"
  FOR EACH STATEMENT EXECUTE FUNCTION "bump_content_generation"();
