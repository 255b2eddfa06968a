-- Keeps the rollup_ tables (0006) in step with contributions and accounts, inside the writing
-- transaction, once per statement (a batch of webhooks or an archive import pays once).
-- Nothing is maintained while rollup_state has no row: queries then read the raw rows, and
-- rebuildRollups (activity.rollups.ts) builds everything and inserts the row.

-- The leaderboard periods, in days (null: all time); activityPeriods in activity.rules.ts says the same.
CREATE FUNCTION "activity_periods"() RETURNS TABLE ("period" text, "days" integer)
  LANGUAGE sql IMMUTABLE AS $$ VALUES ('30d', 30), ('90d', 90), ('1y', 365), ('all', NULL::integer) $$;
--> statement-breakpoint
-- Who a contribution counts for: the linked person, or the GitHub account nobody has linked.
CREATE FUNCTION "activity_who"("person_id" uuid, "github_id" bigint) RETURNS text
  LANGUAGE sql IMMUTABLE AS $$ SELECT coalesce('p:' || person_id, 'gh:' || github_id) $$;
--> statement-breakpoint
-- The lock every writer of rollups holds shared; rolling the totals forward takes it alone, so no
-- contribution can land between the window it counted and the one it moves to.
CREATE FUNCTION "rollup_lock_shared"() RETURNS void
  LANGUAGE sql AS $$ SELECT pg_advisory_xact_lock_shared(7482019) $$;
--> statement-breakpoint
CREATE FUNCTION "rollup_contributions_added"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  until timestamptz;
  fresh_from date;
BEGIN
  PERFORM rollup_lock_shared();
  SELECT totals_until INTO until FROM rollup_state WHERE id = 1;
  IF NOT FOUND THEN
    RETURN NULL;
  END IF;
  -- Contributions newer than `until` are added at query time; older ones (an archive import, a
  -- late webhook) go into every period whose window holds them.
  INSERT INTO rollup_contributor_totals AS t (period, kind, who, n, last_at)
    SELECT p.period, k.kind, activity_who(a.person_id, a.github_id), count(*), max(c.occurred_at)
    FROM added c
    JOIN github_accounts a ON a.github_id = c.github_id AND a.bot_override IS NOT TRUE
    JOIN activity_periods() p ON p.days IS NULL OR c.occurred_at >= until - make_interval(days => p.days)
    CROSS JOIN LATERAL (VALUES (c.kind), ('*')) k (kind)
    WHERE c.occurred_at < until
    GROUP BY 1, 2, 3
  ON CONFLICT (period, kind, who) DO UPDATE SET n = t.n + excluded.n, last_at = greatest(t.last_at, excluded.last_at);

  -- A month gains a contributor only when an account contributes in it for the first time.
  WITH m AS (
    INSERT INTO rollup_contributor_months AS t (github_id, month, n)
      SELECT c.github_id, (date_trunc('month', c.occurred_at AT TIME ZONE 'UTC'))::date, count(*)
      FROM added c GROUP BY 1, 2
    ON CONFLICT (github_id, month) DO UPDATE SET n = t.n + excluded.n
    RETURNING t.month, (t.xmax = 0) AS fresh
  )
  SELECT min(month) INTO fresh_from FROM m WHERE fresh;
  IF fresh_from IS NOT NULL THEN
    UPDATE rollup_state SET months_dirty_from = least(months_dirty_from, fresh_from),
      months_version = months_version + 1 WHERE id = 1;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "contributions_rollups" AFTER INSERT ON "contributions"
  REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION "rollup_contributions_added"();
--> statement-breakpoint
-- Counts the given contributors again from the raw rows (after a link, an unlink, a bot mark).
CREATE FUNCTION "rollup_recount"("whos" text[]) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  until timestamptz;
BEGIN
  PERFORM rollup_lock_shared();
  SELECT totals_until INTO until FROM rollup_state WHERE id = 1;
  IF NOT FOUND THEN
    RETURN;
  END IF;
  DELETE FROM rollup_contributor_totals WHERE who = ANY (whos);
  INSERT INTO rollup_contributor_totals (period, kind, who, n, last_at)
    SELECT p.period, k.kind, activity_who(a.person_id, a.github_id), count(*), max(c.occurred_at)
    FROM github_accounts a
    JOIN contributions c ON c.github_id = a.github_id
    JOIN activity_periods() p ON p.days IS NULL OR c.occurred_at >= until - make_interval(days => p.days)
    CROSS JOIN LATERAL (VALUES (c.kind), ('*')) k (kind)
    WHERE activity_who(a.person_id, a.github_id) = ANY (whos) AND a.bot_override IS NOT TRUE
      AND c.occurred_at < until
    GROUP BY 1, 2, 3;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "rollup_account_changed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM rollup_recount(ARRAY[activity_who(OLD.person_id, OLD.github_id), activity_who(NEW.person_id, NEW.github_id)]);
  -- Who counts as one contributor changed from the account's first month on.
  UPDATE rollup_state SET
    months_dirty_from = least(months_dirty_from,
      (SELECT min(month) FROM rollup_contributor_months WHERE github_id = NEW.github_id)),
    months_version = months_version + 1
  WHERE id = 1 AND EXISTS (SELECT 1 FROM rollup_contributor_months WHERE github_id = NEW.github_id);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "github_accounts_rollups" AFTER UPDATE OF "person_id", "bot_override" ON "github_accounts"
  FOR EACH ROW WHEN (OLD.person_id IS DISTINCT FROM NEW.person_id OR OLD.bot_override IS DISTINCT FROM NEW.bot_override)
  EXECUTE FUNCTION "rollup_account_changed"();
--> statement-breakpoint
-- Contributions are only ever added; should any be changed or removed, the rollups are dropped
-- and rebuilt by the next refresh rather than patched.
CREATE FUNCTION "rollup_invalidate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE rollup_state, rollup_contributor_totals, rollup_contributor_months, rollup_month_counts;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "contributions_rollups_invalidate" AFTER UPDATE OR DELETE OR TRUNCATE ON "contributions"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollup_invalidate"();
--> statement-breakpoint
CREATE TRIGGER "github_accounts_rollups_invalidate" AFTER DELETE OR TRUNCATE ON "github_accounts"
  FOR EACH STATEMENT EXECUTE FUNCTION "rollup_invalidate"();
