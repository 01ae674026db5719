-- PostgreSQL 15 translation of migrations/0004_pid_conflicts.sql.
-- A pid the provider gave a finished video that another catalogued video already holds (two tasks
-- finishing with one pid, or a pid registered earlier with `video add`). The video keeps its
-- result URL and its file, without a pid of its own, and says which pid it was given, so that a
-- paid result is never lost to the unique pid.
ALTER TABLE video ADD COLUMN conflictingPid TEXT;
CREATE INDEX video_on_conflictingPid ON video(conflictingPid);
