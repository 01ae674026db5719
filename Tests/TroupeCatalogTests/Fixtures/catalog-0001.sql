-- A catalogue as migration 0001_catalog left it, with data (made once, never regenerated).
BEGIN TRANSACTION;
CREATE TABLE appearance (
    videoId INTEGER NOT NULL REFERENCES video(id) ON DELETE CASCADE,
    characterId INTEGER NOT NULL REFERENCES character(id) ON DELETE CASCADE,
    PRIMARY KEY (videoId, characterId)
) WITHOUT ROWID;
INSERT INTO "appearance" VALUES(2,1);
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
INSERT INTO "character" VALUES(1,'hero','grsai','cartoon_cat_001','extract',1,NULL,NULL,0.5,3.0,'ready',NULL,'the orange one','cat,lead','2026-10-01T12:00:00.000Z','2026-10-01T12:00:00.000Z');
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO "grdb_migrations" VALUES('0001_catalog');
CREATE TABLE provider (
    name TEXT PRIMARY KEY NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('grsai', 'acedata', 'openai')),
    baseURL TEXT NOT NULL,
    keyEnv TEXT,
    createdAt TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
);
INSERT INTO "provider" VALUES('grsai','grsai','https://grsaiapi.com','GRSAI_API_KEY','2026-11-23T15:02:42.466Z');
INSERT INTO "provider" VALUES('grsai-cn','grsai','https://grsai.dakka.com.cn','GRSAI_API_KEY','2026-11-23T15:02:42.466Z');
INSERT INTO "provider" VALUES('acedata','acedata','https://api.acedata.cloud','ACEDATA_API_KEY','2026-11-23T15:02:42.466Z');
INSERT INTO "provider" VALUES('sim','grsai','http://127.0.0.1:8787',NULL,'2026-11-23T15:02:42.466Z');
INSERT INTO "provider" VALUES('mygate','openai','https://gate.example.com/v1','MYGATE_KEY','2026-11-23T15:02:42.467Z');
CREATE TABLE setting (
    name TEXT PRIMARY KEY NOT NULL,
    value TEXT NOT NULL
);
INSERT INTO "setting" VALUES('defaultProvider','grsai-cn');
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
INSERT INTO "task" VALUES(1,'grsai','generate','{"model":"sora-2","prompt":"a cat"}','f44bcf50-f2d0-4c26-a467-26f2014a771b','succeeded',1,NULL,NULL,0.08,0,'2026-10-01T09:59:00.000Z','2026-10-01T10:00:00.000Z');
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
INSERT INTO "video" VALUES(1,'s_0a01','grsai',1,'registered','a cat on a skateboard',NULL,NULL,NULL,NULL,NULL,NULL,NULL,NULL,'succeeded',100,NULL,NULL,NULL,NULL,NULL,NULL,'2026-10-01T10:00:00.000Z','2026-10-01T10:00:00.000Z');
INSERT INTO "video" VALUES(2,'s_0a02','grsai',NULL,'registered','夜の街で',NULL,NULL,NULL,NULL,NULL,NULL,NULL,1,'succeeded',100,NULL,NULL,NULL,NULL,NULL,NULL,'2026-10-01T11:00:00.000Z','2026-10-01T11:00:00.000Z');
CREATE INDEX task_on_providerName ON task(providerName);
CREATE INDEX task_on_state ON task(state);
CREATE UNIQUE INDEX task_on_provider_remoteId ON task(providerName, remoteId) WHERE remoteId IS NOT NULL;
CREATE INDEX video_on_parentId ON video(parentId);
CREATE INDEX video_on_providerName ON video(providerName);
CREATE INDEX video_on_taskId ON video(taskId);
CREATE INDEX video_on_assetSha256 ON video(assetSha256);
CREATE INDEX video_on_referenceAssetSha256 ON video(referenceAssetSha256);
CREATE INDEX character_on_providerName ON character(providerName);
CREATE INDEX character_on_sourceVideoId ON character(sourceVideoId);
CREATE INDEX character_on_sourceAssetSha256 ON character(sourceAssetSha256);
CREATE INDEX character_on_taskId ON character(taskId);
CREATE UNIQUE INDEX character_on_provider_characterId ON character(providerName, characterId) WHERE characterId IS NOT NULL;
CREATE INDEX appearance_on_characterId ON appearance(characterId);
COMMIT;
