-- Shared by every service, each in its own schema: the transactional outbox and the idempotency log.
CREATE TABLE outbox_event (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id    UUID         NOT NULL UNIQUE,
    topic       VARCHAR(255) NOT NULL,
    record_key  VARCHAR(255),
    event_type  VARCHAR(255) NOT NULL,
    payload     TEXT         NOT NULL,
    headers     TEXT,
    created_at  TIMESTAMPTZ  NOT NULL
);

CREATE TABLE processed_event (
    idempotency_key VARCHAR(512) PRIMARY KEY,
    outcome         VARCHAR(32)  NOT NULL,
    processed_at    TIMESTAMPTZ  NOT NULL
);
