-- CDS Hooks client tokens already used (jti per issuer), kept until they expire: a replay is refused on
-- every replica and after restarts. The jti is stored as its SHA-256 (fixed length, no client text).
CREATE TABLE cds_client_token (
    issuer      VARCHAR(512) NOT NULL,
    jti_sha256  CHAR(64)     NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    CONSTRAINT cds_client_token_once UNIQUE (issuer, jti_sha256)
);
CREATE INDEX cds_client_token_expiry ON cds_client_token (expires_at);
