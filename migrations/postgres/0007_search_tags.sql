-- PostgreSQL 15 translation of migrations/0007_search_tags.sql.
-- Finding videos: their notes, their tags, and a full-text index over what they say.

-- A video's free-form notes (characters have had theirs since 0001).
ALTER TABLE video ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- A video's tags, one row each (lower case): `--tag` is then a lookup in an index, where tags
-- kept as comma-separated text would mean reading every video. Characters, far fewer, keep
-- theirs in character.tags. (SQLite's WITHOUT ROWID is dropped: no PostgreSQL counterpart.)
CREATE TABLE videoTag (
    videoId BIGINT NOT NULL REFERENCES video(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (videoId, tag)
);
CREATE INDEX videoTag_on_tag ON videoTag(tag);

-- Lists are newest first, and `--since` filters on the creation time.
CREATE INDEX video_on_createdAt ON video(createdAt);

-- Full-text search over the prompt as written, as compiled, and the notes. SQLite has an FTS5
-- virtual table (content = video, tokenizer unicode61 remove_diacritics 2); PostgreSQL has no
-- FTS5, so videoSearch here is a plain table holding one tsvector per video, under a GIN index,
-- kept in step by the triggers below. Differences, by design of each engine:
-- - the 'simple' configuration (lower-cases, no stemming, no stop words) stands for unicode61;
--   diacritics of Latin letters are folded by videoSearch_fold (translate), as FTS5's
--   remove_diacritics folds them ('café' matches 'cafe'): the unaccent extension may be missing
--   on a team's server, so it is not used;
-- - a deleted video's row goes with it (ON DELETE CASCADE) instead of an FTS5 'delete' command;
-- - queries use `document @@ to_tsquery('simple', …)` (prefixes: 'word:*'), not FTS5's MATCH.
CREATE TABLE videoSearch (
    videoId BIGINT PRIMARY KEY REFERENCES video(id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
CREATE INDEX videoSearch_on_document ON videoSearch USING GIN (document);

-- Text as searched: lower case, Latin diacritics removed, punctuation a word break (as FTS5's
-- unicode61 tokenizer reads text: `foo@bar.com` is foo, bar and com; PostgreSQL's parser would
-- keep an e-mail, a host or a URL whole). Search terms are folded the same way.
CREATE FUNCTION videoSearch_fold(text TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN regexp_replace(translate(lower(text),
    'àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž',
    'aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz'), '[[:punct:][:space:]]+', ' ', 'g');

-- The document of a video: its three texts, NULL as empty.
CREATE FUNCTION videoSearch_document(prompt TEXT, compiledPrompt TEXT, notes TEXT) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN to_tsvector('simple'::regconfig,
    videoSearch_fold(coalesce(prompt, '') || ' ' || coalesce(compiledPrompt, '') || ' ' || coalesce(notes, '')));

CREATE FUNCTION videoSearch_index() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO videoSearch (videoId, document)
    VALUES (NEW.id, videoSearch_document(NEW.prompt, NEW.compiledPrompt, NEW.notes))
    ON CONFLICT (videoId) DO UPDATE SET document = EXCLUDED.document;
    RETURN NULL;
END;
$$;

CREATE TRIGGER video_search_insert AFTER INSERT ON video
FOR EACH ROW EXECUTE FUNCTION videoSearch_index();

-- Saving a video rewrites every column: only a change of the indexed text reindexes it.
CREATE TRIGGER video_search_update AFTER UPDATE OF prompt, compiledPrompt, notes ON video
FOR EACH ROW
WHEN (OLD.prompt IS DISTINCT FROM NEW.prompt OR OLD.compiledPrompt IS DISTINCT FROM NEW.compiledPrompt
      OR OLD.notes IS DISTINCT FROM NEW.notes)
EXECUTE FUNCTION videoSearch_index();

-- Videos catalogued before this migration are indexed now.
INSERT INTO videoSearch (videoId, document)
SELECT id, videoSearch_document(prompt, compiledPrompt, notes) FROM video
ON CONFLICT (videoId) DO UPDATE SET document = EXCLUDED.document;
