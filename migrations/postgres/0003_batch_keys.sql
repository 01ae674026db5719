-- PostgreSQL 15 translation of migrations/0003_batch_keys.sql.
-- Batch rows: each journal row of a batch carries a key derived from what it sends, so that
-- re-running a batch finds the rows it already sent instead of paying for them again. The unique
-- index makes a second submission of the same row impossible even from two processes.
ALTER TABLE task ADD COLUMN batchKey TEXT;
CREATE UNIQUE INDEX task_on_batchKey ON task(batchKey) WHERE batchKey IS NOT NULL;
