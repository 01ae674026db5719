-- PostgreSQL 15 translation of migrations/0006_character_images.sql.
-- A character's reference image, for models that take characters as images (Veo, Seedance): a
-- vault file (by its SHA-256, so nothing is lost when the original goes away) or a URL, and where
-- it came from: a file the user gave, a URL, or the first frame of the character's source clip.
ALTER TABLE character ADD COLUMN imageAssetSha256 TEXT REFERENCES asset(sha256);
ALTER TABLE character ADD COLUMN imageURL TEXT;
ALTER TABLE character ADD COLUMN imageSource TEXT CHECK (imageSource IS NULL OR imageSource IN ('file', 'url', 'clip-frame'));
CREATE INDEX character_on_imageAssetSha256 ON character(imageAssetSha256);
