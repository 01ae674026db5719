-- PostgreSQL 15 translation of migrations/0008_task_currency.sql.
-- The currency of each paid call's cost, recorded with the cost when the call is journaled: a
-- provider's models may price in different currencies (a USD model added on a CNY provider), so
-- `troupe costs` groups by this column and never adds two currencies together.
ALTER TABLE task ADD COLUMN currency TEXT CHECK (currency IS NULL OR length(currency) = 3);

-- Rows journaled before this column: the currency of the video's model row when the catalogue
-- still has it (the provider's own row first), else the provider kind's (GrsAI CNY, others USD).
-- (SQLite's `= video.model COLLATE NOCASE` is lower(…) = lower(…) here; false sorts before true,
-- as 0 before 1 in SQLite, so the provider's own row still comes first.)
UPDATE task SET currency = coalesce(
    (SELECT model.currency
       FROM video
       JOIN provider ON provider.name = task.providerName
       JOIN model ON lower(model.name) = lower(video.model) AND model.providerKind = provider.kind
                 AND (model.providerName = task.providerName OR model.providerName IS NULL)
      WHERE video.taskId = task.id
      ORDER BY model.providerName IS NULL
      LIMIT 1),
    (SELECT CASE provider.kind WHEN 'grsai' THEN 'CNY' ELSE 'USD' END FROM provider WHERE provider.name = task.providerName));
