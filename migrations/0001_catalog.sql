-- The catalogue: providers, assets, videos, characters, the task journal and lineage.
-- Table names are singular camelCase; every foreign key has an index.
-- Timestamps are ISO-8601 UTC text ('YYYY-MM-DDTHH:MM:SS.SSSZ').

-- A provider endpoint. The API key is never stored: only the name of the
-- environment variable that holds it.
CREATE TABLE provider (
    name TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('grsai', 'acedata', 'openai')),
    baseURL TEXT NOT NULL,
    keyEnv TEXT,
    createdAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

INSERT INTO provider (name, kind, baseURL, keyEnv) VALUES
    ('grsai', 'grsai', 'https://grsaiapi.com', 'GRSAI_API_KEY'),
    ('grsai-cn', 'grsai', 'https://grsai.dakka.com.cn', 'GRSAI_API_KEY'),
    ('acedata', 'acedata', 'https://api.acedata.cloud', 'ACEDATA_API_KEY'),
    ('sim', 'grsai', 'http://127.0.0.1:8787', NULL);

-- Small key/value settings, e.g. the provider chosen with `troupe provider use`.
CREATE TABLE setting (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);

INSERT INTO setting (name, value) VALUES ('defaultProvider', 'grsai');

-- A file in the vault, named by its SHA-256.
CREATE TABLE asset (
    sha256 TEXT PRIMARY KEY NOT NULL CHECK (length(sha256) = 64),
    bytes INTEGER NOT NULL CHECK (bytes >= 0),
    mediaType TEXT NOT NULL,
    -- Read from the file when it is an MP4.
    durationSeconds REAL,
    width INTEGER,
    height INTEGER,
    -- Where it was downloaded from, when it was.
    originURL TEXT,
    createdAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);

-- The journal of every paid call: written before the call is sent.
CREATE TABLE task (
    id INTEGER PRIMARY KEY,
    providerName TEXT NOT NULL REFERENCES provider(name) ON UPDATE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('generate', 'remix', 'upload_character', 'extract_character')),
    -- The request as sent, with secrets removed.
    request TEXT NOT NULL,
    remoteId TEXT,
    state TEXT NOT NULL CHECK (state IN ('prepared', 'submitted', 'running', 'succeeded', 'failed', 'unknown')),
    attempts INTEGER NOT NULL DEFAULT 0,
    failureReason TEXT,
    errorText TEXT,
    -- What the provider charged, and whether it was refunded.
    cost REAL NOT NULL DEFAULT 0,
    refunded INTEGER NOT NULL DEFAULT 0,
    createdAt TEXT NOT NULL,
    updatedAt TEXT NOT NULL
);
CREATE INDEX task_on_providerName ON task(providerName);
CREATE INDEX task_on_state ON task(state);
CREATE UNIQUE INDEX task_on_provider_remoteId ON task(providerName, remoteId) WHERE remoteId IS NOT NULL;

-- A video: generated here, or registered because it was made elsewhere.
CREATE TABLE video (
    id INTEGER PRIMARY KEY,
    -- Known once the provider has finished.
    pid TEXT UNIQUE,
    providerName TEXT REFERENCES provider(name) ON UPDATE CASCADE,
    taskId INTEGER REFERENCES task(id) ON DELETE SET NULL,
    origin TEXT NOT NULL DEFAULT 'generated' CHECK (origin IN ('generated', 'registered')),
    prompt TEXT,
    compiledPrompt TEXT,
    model TEXT,
    aspect TEXT,
    duration INTEGER,
    size TEXT,
    referenceAssetSha256 TEXT REFERENCES asset(sha256),
    referenceURL TEXT,
    -- The remix lineage: the video this one was remixed from.
    parentId INTEGER REFERENCES video(id) ON DELETE RESTRICT,
    status TEXT NOT NULL CHECK (status IN ('pending', 'running', 'succeeded', 'failed', 'unknown')),
    progress INTEGER NOT NULL DEFAULT 0,
    failureReason TEXT,
    errorText TEXT,
    -- Provider URLs expire within hours: the vault copy is what lasts.
    remoteURL TEXT,
    remoteURLExpiresAt TEXT,
    assetSha256 TEXT REFERENCES asset(sha256),
    cost REAL,
    createdAt TEXT NOT NULL,
    updatedAt TEXT NOT NULL
);
CREATE INDEX video_on_parentId ON video(parentId);
CREATE INDEX video_on_providerName ON video(providerName);
CREATE INDEX video_on_taskId ON video(taskId);
CREATE INDEX video_on_assetSha256 ON video(assetSha256);
CREATE INDEX video_on_referenceAssetSha256 ON video(referenceAssetSha256);

-- A character: a handle for a provider's character id, or for a clip (clip-only).
CREATE TABLE character (
    id INTEGER PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    providerName TEXT REFERENCES provider(name) ON UPDATE CASCADE,
    -- The provider's id; NULL for a clip-only character.
    characterId TEXT,
    sourceKind TEXT NOT NULL CHECK (sourceKind IN ('upload', 'extract', 'registered', 'clip')),
    -- The lineage: the video a character was extracted from.
    sourceVideoId INTEGER REFERENCES video(id) ON DELETE RESTRICT,
    sourceAssetSha256 TEXT REFERENCES asset(sha256),
    sourceURL TEXT,
    clipStart REAL,
    clipEnd REAL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'ready', 'failed', 'retired')),
    taskId INTEGER REFERENCES task(id) ON DELETE SET NULL,
    notes TEXT NOT NULL DEFAULT '',
    -- Comma-separated tags.
    tags TEXT NOT NULL DEFAULT '',
    createdAt TEXT NOT NULL,
    updatedAt TEXT NOT NULL,
    CHECK (clipStart IS NULL OR (clipStart >= 0 AND clipEnd > clipStart))
);
CREATE INDEX character_on_providerName ON character(providerName);
CREATE INDEX character_on_sourceVideoId ON character(sourceVideoId);
CREATE INDEX character_on_sourceAssetSha256 ON character(sourceAssetSha256);
CREATE INDEX character_on_taskId ON character(taskId);
CREATE UNIQUE INDEX character_on_provider_characterId ON character(providerName, characterId) WHERE characterId IS NOT NULL;

-- The lineage: which characters a video features.
CREATE TABLE appearance (
    videoId INTEGER NOT NULL REFERENCES video(id) ON DELETE CASCADE,
    characterId INTEGER NOT NULL REFERENCES character(id) ON DELETE CASCADE,
    PRIMARY KEY (videoId, characterId)
) WITHOUT ROWID;
CREATE INDEX appearance_on_characterId ON appearance(characterId);
