-- Scheduler state: the last failed recalculation of each segment that is failing, so such a
-- segment is retried after a growing pause (shared by every instance) instead of on every tick.
-- A successful recalculation removes the segment's row.

CREATE TABLE recalculation_failures (
  segment_id  BIGINT      PRIMARY KEY REFERENCES segments (id) ON DELETE CASCADE,
  failed_at   TIMESTAMPTZ NOT NULL,
  failures    INTEGER     NOT NULL CHECK (failures > 0),
  reason      TEXT        NOT NULL
);
