CREATE TABLE "content_generation" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"n" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "content_generation_one_row" CHECK ("content_generation"."id" = 1)
);
