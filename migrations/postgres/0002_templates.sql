-- PostgreSQL 15 translation of migrations/0002_templates.sql.
-- Named prompt templates (`troupe template add NAME BODY`), usable wherever a prompt is.
CREATE TABLE template (
    name TEXT PRIMARY KEY NOT NULL,
    body TEXT NOT NULL,
    createdAt TEXT NOT NULL,
    updatedAt TEXT NOT NULL
);
