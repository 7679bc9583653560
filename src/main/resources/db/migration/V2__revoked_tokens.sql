-- Revoked bearer tokens, by their jti. Every HTTP verticle loads this table at start, listens
-- on the segments_token_revoked channel for new rows and reloads it periodically.

CREATE TABLE revoked_tokens (
  jti         TEXT        PRIMARY KEY,
  revoked_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  -- When the token expires anyway; after that the row no longer needs to be loaded.
  expires_at  TIMESTAMPTZ
);
