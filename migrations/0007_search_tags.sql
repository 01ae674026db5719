-- Finding videos: their notes, their tags, and a full-text index over what they say.

-- A video's free-form notes (characters have had theirs since 0001).
ALTER TABLE video ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- A video's tags, one row each (lower case): `--tag` is then a lookup in an index, where tags
-- kept as comma-separated text would mean reading every video. Characters, far fewer, keep
-- theirs in character.tags.
CREATE TABLE videoTag (
    videoId INTEGER NOT NULL REFERENCES video(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    PRIMARY KEY (videoId, tag)
) WITHOUT ROWID;
CREATE INDEX videoTag_on_tag ON videoTag(tag);

-- Lists are newest first, and `--since` filters on the creation time.
CREATE INDEX video_on_createdAt ON video(createdAt);

-- Full-text search over the prompt as written, as compiled, and the notes: an FTS5 index whose
-- content is video's own columns (rowid = video.id), kept in step by the triggers below.
CREATE VIRTUAL TABLE videoSearch USING fts5(
    prompt, compiledPrompt, notes,
    content = 'video', content_rowid = 'id', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER video_search_insert AFTER INSERT ON video BEGIN
    INSERT INTO videoSearch (rowid, prompt, compiledPrompt, notes)
    VALUES (new.id, new.prompt, new.compiledPrompt, new.notes);
END;

CREATE TRIGGER video_search_delete AFTER DELETE ON video BEGIN
    INSERT INTO videoSearch (videoSearch, rowid, prompt, compiledPrompt, notes)
    VALUES ('delete', old.id, old.prompt, old.compiledPrompt, old.notes);
END;

-- Saving a video rewrites every column: only a change of the indexed text reindexes it.
CREATE TRIGGER video_search_update AFTER UPDATE OF prompt, compiledPrompt, notes ON video
WHEN old.prompt IS NOT new.prompt OR old.compiledPrompt IS NOT new.compiledPrompt OR old.notes IS NOT new.notes
BEGIN
    INSERT INTO videoSearch (videoSearch, rowid, prompt, compiledPrompt, notes)
    VALUES ('delete', old.id, old.prompt, old.compiledPrompt, old.notes);
    INSERT INTO videoSearch (rowid, prompt, compiledPrompt, notes)
    VALUES (new.id, new.prompt, new.compiledPrompt, new.notes);
END;

-- Videos catalogued before this migration are indexed now.
INSERT INTO videoSearch (videoSearch) VALUES ('rebuild');
