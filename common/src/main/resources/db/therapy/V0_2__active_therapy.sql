-- The patient's current interleukin-blocking therapy as this service knows it (monitoring, interaction).
CREATE TABLE active_therapy (
    patient_id        VARCHAR(128) PRIMARY KEY,
    product_id        VARCHAR(32)  NOT NULL,
    molecule_id       VARCHAR(32)  NOT NULL,
    indication        VARCHAR(32),
    route             VARCHAR(8),
    status            VARCHAR(16)  NOT NULL,
    started_at        TIMESTAMPTZ,
    last_dose_at      TIMESTAMPTZ,
    updated_at        TIMESTAMPTZ  NOT NULL,
    rule_id           VARCHAR(128),
    knowledge_version VARCHAR(64)
);
