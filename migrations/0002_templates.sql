-- Named prompt templates (`troupe template add NAME BODY`), usable wherever a prompt is.
CREATE TABLE template (
    name TEXT PRIMARY KEY NOT NULL,
    body TEXT NOT NULL,
    createdAt TEXT NOT NULL,
    updatedAt TEXT NOT NULL
);
