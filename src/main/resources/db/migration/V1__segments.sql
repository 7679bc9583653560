-- The server's own tables. Flyway runs this with search_path set to the configured schema.

CREATE TABLE segment_groups (
  id          BIGSERIAL PRIMARY KEY,
  name        TEXT        NOT NULL,
  code        TEXT        NOT NULL UNIQUE,
  sorting     INTEGER     NOT NULL DEFAULT 100,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE segments (
  id                      BIGSERIAL PRIMARY KEY,
  version                 SMALLINT    NOT NULL CHECK (version IN (1, 2)),
  name                    TEXT        NOT NULL,
  code                    TEXT        NOT NULL,
  table_name              TEXT        NOT NULL,
  fields                  TEXT[]      NOT NULL DEFAULT '{}',
  query_string            TEXT        NOT NULL,
  criteria                JSONB,
  segment_group_id        BIGINT      NOT NULL REFERENCES segment_groups (id),
  note                    TEXT,
  locked                  BOOLEAN     NOT NULL DEFAULT FALSE,
  cache_count             BIGINT,
  cache_count_time        DOUBLE PRECISION,
  cache_count_periodicity JSONB,
  cache_count_updated_at  TIMESTAMPTZ,
  created_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
  deleted_at              TIMESTAMPTZ,
  copied_from_segment_id  BIGINT      REFERENCES segments (id),
  CONSTRAINT criteria_only_for_version_2 CHECK (version = 2 OR criteria IS NULL)
);

-- Codes are unique among segments that are not deleted; deleted ones keep theirs for history.
CREATE UNIQUE INDEX segments_code_live ON segments (code) WHERE deleted_at IS NULL;
CREATE INDEX segments_group ON segments (segment_group_id);

CREATE TABLE segments_values (
  id          BIGSERIAL PRIMARY KEY,
  segment_id  BIGINT      NOT NULL REFERENCES segments (id),
  date        TIMESTAMPTZ NOT NULL,
  value       BIGINT      NOT NULL
);

CREATE INDEX segments_values_segment_date ON segments_values (segment_id, date);
