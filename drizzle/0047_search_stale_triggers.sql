-- Every change to what search shows queues the item for reindexing (search_stale), in the same
-- transaction as the change, so no write path can forget to: the search-reindex job and every
-- search then index it again from its feature (src/features/search). An event queues its sessions
-- too: they are shown only while the event is public.
CREATE FUNCTION "search_mark_stale"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  item uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN item := OLD.id; ELSE item := NEW.id; END IF;
  INSERT INTO "search_stale" ("kind", "ref_id") VALUES (TG_ARGV[0], item)
    ON CONFLICT ("kind", "ref_id") DO UPDATE SET "queued_at" = clock_timestamp();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE FUNCTION "search_mark_event_sessions_stale"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "search_stale" ("kind", "ref_id")
    SELECT 'session', s."id" FROM "event_sessions" s WHERE s."event_id" = NEW."id"
    ON CONFLICT ("kind", "ref_id") DO UPDATE SET "queued_at" = clock_timestamp();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER "people_search_stale" AFTER INSERT OR UPDATE OR DELETE ON "people"
  FOR EACH ROW EXECUTE FUNCTION "search_mark_stale"('person');
--> statement-breakpoint
CREATE TRIGGER "chapters_search_stale" AFTER INSERT OR UPDATE OR DELETE ON "chapters"
  FOR EACH ROW EXECUTE FUNCTION "search_mark_stale"('chapter');
--> statement-breakpoint
CREATE TRIGGER "events_search_stale" AFTER INSERT OR UPDATE OR DELETE ON "events"
  FOR EACH ROW EXECUTE FUNCTION "search_mark_stale"('event');
--> statement-breakpoint
CREATE TRIGGER "event_sessions_search_stale" AFTER INSERT OR UPDATE OR DELETE ON "event_sessions"
  FOR EACH ROW EXECUTE FUNCTION "search_mark_stale"('session');
--> statement-breakpoint
CREATE TRIGGER "episodes_search_stale" AFTER INSERT OR UPDATE OR DELETE ON "episodes"
  FOR EACH ROW EXECUTE FUNCTION "search_mark_stale"('episode');
--> statement-breakpoint
CREATE TRIGGER "articles_search_stale" AFTER INSERT OR UPDATE OR DELETE ON "articles"
  FOR EACH ROW EXECUTE FUNCTION "search_mark_stale"('article');
--> statement-breakpoint
CREATE TRIGGER "events_sessions_search_stale" AFTER UPDATE ON "events"
  FOR EACH ROW EXECUTE FUNCTION "search_mark_event_sessions_stale"();
