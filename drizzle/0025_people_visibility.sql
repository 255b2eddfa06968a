ALTER TABLE "people" ADD COLUMN "profile_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "people" ADD COLUMN "publicly_credited" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Everyone here before accounts were private was listed, and stays so.
UPDATE "people" SET "profile_public" = true;--> statement-breakpoint
-- Credits public by nature make their holder public, whichever path writes them (services, the
-- demo, an import, a restore), inside the writing transaction.
CREATE FUNCTION "people_credit"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.person_id IS NOT NULL THEN
    UPDATE people SET publicly_credited = true WHERE id = NEW.person_id AND NOT publicly_credited;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "role_grants_credit" AFTER INSERT ON "role_grants"
  FOR EACH ROW EXECUTE FUNCTION people_credit();--> statement-breakpoint
CREATE TRIGGER "chapter_team_credit" AFTER INSERT ON "chapter_team"
  FOR EACH ROW EXECUTE FUNCTION people_credit();--> statement-breakpoint
CREATE TRIGGER "show_hosts_credit" AFTER INSERT ON "show_hosts"
  FOR EACH ROW EXECUTE FUNCTION people_credit();--> statement-breakpoint
CREATE TRIGGER "episode_guests_credit" AFTER INSERT OR UPDATE OF "person_id" ON "episode_guests"
  FOR EACH ROW EXECUTE FUNCTION people_credit();--> statement-breakpoint
-- A GitHub account with contributions, linked to a person (at their first GitHub sign-in)...
CREATE FUNCTION "people_credit_github_account"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.person_id IS NOT NULL AND EXISTS (SELECT 1 FROM contributions WHERE github_id = NEW.github_id) THEN
    UPDATE people SET publicly_credited = true WHERE id = NEW.person_id AND NOT publicly_credited;
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "github_accounts_credit" AFTER INSERT OR UPDATE OF "person_id" ON "github_accounts"
  FOR EACH ROW EXECUTE FUNCTION people_credit_github_account();--> statement-breakpoint
-- ...or contributions arriving for an account already linked (once per statement: imports are large).
CREATE FUNCTION "people_credit_contributions"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE people SET publicly_credited = true
    WHERE NOT publicly_credited
      AND id IN (SELECT a.person_id FROM github_accounts a WHERE a.person_id IS NOT NULL
        AND a.github_id IN (SELECT DISTINCT github_id FROM added_contributions));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "contributions_credit" AFTER INSERT ON "contributions"
  REFERENCING NEW TABLE AS "added_contributions"
  FOR EACH STATEMENT EXECUTE FUNCTION people_credit_contributions();--> statement-breakpoint
UPDATE "people" SET "publicly_credited" = true
  WHERE EXISTS (SELECT 1 FROM "role_grants" g WHERE g."person_id" = "people"."id")
    OR EXISTS (SELECT 1 FROM "chapter_team" m WHERE m."person_id" = "people"."id")
    OR EXISTS (SELECT 1 FROM "show_hosts" h WHERE h."person_id" = "people"."id")
    OR EXISTS (SELECT 1 FROM "episode_guests" e WHERE e."person_id" = "people"."id")
    OR EXISTS (SELECT 1 FROM "github_accounts" a JOIN "contributions" c ON c."github_id" = a."github_id"
      WHERE a."person_id" = "people"."id");
