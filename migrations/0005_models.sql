-- The model table: which video models a provider kind serves, what each accepts and what it costs.
-- Models are data: a new one is a row (`troupe model add`), not code.
--
-- A row is keyed by (name, providerKind, providerName). providerName NULL means every provider of
-- the kind (all presets); a row for one catalogue provider is looked up first for it. NULL is not
-- equal to NULL in a UNIQUE constraint, so the key is an expression index over ifnull(…, '').
--
-- Lists are comma-separated text in order (the first duration, aspect and size are the defaults):
-- no value of theirs holds a comma. Prices are decimal text ('0.08'), never binary floats.
-- priceOverrides: comma-separated 'size=large:0.50' / 'from=25:1.00', the first match wins.
CREATE TABLE model (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    providerKind TEXT NOT NULL CHECK (providerKind IN ('grsai', 'acedata', 'openai')),
    providerName TEXT REFERENCES provider(name) ON UPDATE CASCADE ON DELETE CASCADE,
    family TEXT NOT NULL,
    -- AceData's service path segment (`/{service}/videos`); NULL elsewhere.
    service TEXT,
    durations TEXT NOT NULL CHECK (durations <> ''),
    aspects TEXT NOT NULL CHECK (aspects <> ''),
    -- Empty: the request has no size.
    sizes TEXT NOT NULL DEFAULT '',
    -- NULL: no limit.
    maxCharacters INTEGER CHECK (maxCharacters IS NULL OR maxCharacters >= 0),
    characterForms TEXT NOT NULL DEFAULT '',
    remix INTEGER NOT NULL DEFAULT 0 CHECK (remix IN (0, 1)),
    imageInputs TEXT NOT NULL DEFAULT '',
    maxReferenceImages INTEGER NOT NULL DEFAULT 0 CHECK (maxReferenceImages >= 0),
    price TEXT NOT NULL,
    priceUnit TEXT NOT NULL DEFAULT 'video' CHECK (priceUnit IN ('video', 'second')),
    priceOverrides TEXT NOT NULL DEFAULT '',
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    isDefault INTEGER NOT NULL DEFAULT 0 CHECK (isDefault IN (0, 1)),
    createdAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
CREATE UNIQUE INDEX model_on_name_kind_provider ON model(name COLLATE NOCASE, providerKind, ifnull(providerName, ''));
-- At most one default among a kind's kind-wide rows, and one among each provider's own rows.
CREATE UNIQUE INDEX model_default_per_kind ON model(providerKind, ifnull(providerName, '')) WHERE isDefault = 1;
CREATE INDEX model_on_providerName ON model(providerName);

-- The presets. GrsAI Veo names come from public GrsAI client code; Seedance names from AceData's
-- official SDK (acedatacloud 2026.10.20.0, resources/providers/seedance.py). The Veo and Seedance
-- prices are chosen figures (the providers publish none in our sources).
INSERT INTO model (name, providerKind, family, service, durations, aspects, sizes, maxCharacters, characterForms,
                   remix, imageInputs, maxReferenceImages, price, priceUnit, priceOverrides, currency, isDefault) VALUES
    ('sora-2', 'grsai', 'grsai-sora', NULL, '10,15', '9:16,16:9', 'small,large', NULL, 'id,clip',
     1, 'reference', 1, '0.08', 'video', '', 'CNY', 1),
    ('veo3.1-fast', 'grsai', 'grsai-veo', NULL, '8', '16:9,9:16', '', 3, 'image',
     0, 'reference,first_frame,last_frame', 3, '0.40', 'video', '', 'CNY', 0),
    ('veo3.1-pro', 'grsai', 'grsai-veo', NULL, '8', '16:9,9:16', '', 3, 'image',
     0, 'reference,first_frame,last_frame', 3, '1.20', 'video', '', 'CNY', 0),
    ('sora-2', 'acedata', 'acedata-sora', 'sora', '10,15', '9:16,16:9,1:1', 'small,large', 1, 'clip',
     0, 'reference', 1, '0.15', 'video', '', 'USD', 1),
    ('sora-2-pro', 'acedata', 'acedata-sora', 'sora', '10,15,25', '9:16,16:9,1:1', 'small,large', 1, 'clip',
     0, 'reference', 1, '0.60', 'video', 'from=25:1.00', 'USD', 0),
    ('doubao-seedance-1-0-pro-250528', 'acedata', 'acedata-seedance', 'seedance', '5,10',
     '16:9,9:16,1:1,4:3,3:4,21:9,adaptive', '720p,480p,1080p', 4, 'image',
     0, 'reference,first_frame,last_frame', 4, '0.30', 'video', '', 'USD', 0),
    ('doubao-seedance-1-0-pro-fast-251015', 'acedata', 'acedata-seedance', 'seedance', '5,10',
     '16:9,9:16,1:1,4:3,3:4,21:9,adaptive', '720p,480p,1080p', 4, 'image',
     0, 'reference,first_frame,last_frame', 4, '0.15', 'video', '', 'USD', 0),
    ('doubao-seedance-2-0-260128', 'acedata', 'acedata-seedance', 'seedance', '5,4,6,7,8,9,10,11,12,13,14,15',
     '16:9,9:16,1:1,4:3,3:4,21:9,adaptive', '720p,480p,1080p', 4, 'image',
     0, 'reference,first_frame,last_frame', 4, '0.50', 'video', '', 'USD', 0),
    ('sora-2', 'openai', 'openai-videos', NULL, '4,8,12', '9:16,16:9', 'small', 2, 'id',
     1, 'reference', 1, '0.10', 'second', '', 'USD', 1),
    ('sora-2-pro', 'openai', 'openai-videos', NULL, '4,8,12', '9:16,16:9', 'small,large', 2, 'id',
     1, 'reference', 1, '0.30', 'second', 'size=large:0.50', 'USD', 0);
