CREATE TABLE therapy_plan (
    patient_id        VARCHAR(128) PRIMARY KEY,
    request_id        VARCHAR(128),
    product_id        VARCHAR(32)  NOT NULL,
    molecule_id       VARCHAR(32)  NOT NULL,
    indication        VARCHAR(32),
    route             VARCHAR(8),
    status            VARCHAR(16)  NOT NULL,
    started_at        TIMESTAMPTZ  NOT NULL,
    updated_at        TIMESTAMPTZ  NOT NULL,
    rule_id           VARCHAR(128),
    knowledge_version VARCHAR(64)
);
