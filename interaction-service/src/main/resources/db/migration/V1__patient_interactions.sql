-- The patient's medicines and vaccinations as received on patient-events (the therapy is active_therapy).
CREATE TABLE patient_medication (
    patient_id    VARCHAR(128) NOT NULL,
    resource_ref  VARCHAR(256) NOT NULL,
    name          VARCHAR(512),
    rxnorm        VARCHAR(16),
    atc           VARCHAR(16),
    fhir_status   VARCHAR(32),
    active        BOOLEAN      NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (patient_id, resource_ref)
);

CREATE TABLE patient_immunization (
    patient_id      VARCHAR(128) NOT NULL,
    resource_ref    VARCHAR(256) NOT NULL,
    cvx             VARCHAR(8),
    name            VARCHAR(512),
    occurrence_date DATE         NOT NULL,
    fhir_status     VARCHAR(32),
    active          BOOLEAN      NOT NULL,
    updated_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (patient_id, resource_ref)
);

-- Findings of the patient re-check; one row per stable finding key, opened and closed over time.
CREATE TABLE interaction_finding (
    patient_id        VARCHAR(128) NOT NULL,
    finding_key       VARCHAR(512) NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    category          VARCHAR(32)  NOT NULL,
    severity          VARCHAR(16)  NOT NULL,
    rule_id           VARCHAR(128) NOT NULL,
    source            TEXT         NOT NULL,
    verified          BOOLEAN      NOT NULL,
    knowledge_version VARCHAR(64)  NOT NULL,
    input_ref         VARCHAR(256) NOT NULL,
    input_name        VARCHAR(512),
    resolved_kind     VARCHAR(16),
    resolved_id       VARCHAR(128),
    resolved_display  VARCHAR(256),
    mechanism         TEXT,
    management        TEXT,
    valid_until       DATE,
    opened_at         TIMESTAMPTZ  NOT NULL,
    closed_at         TIMESTAMPTZ,
    close_reason      VARCHAR(256),
    PRIMARY KEY (patient_id, finding_key)
);
CREATE INDEX interaction_finding_open_until ON interaction_finding (status, valid_until);

-- CDS Hooks: the cards this service answered, and the feedback the EHR sent about them.
CREATE TABLE cds_card (
    card_uuid     UUID         PRIMARY KEY,
    service_id    VARCHAR(64)  NOT NULL,
    hook_instance VARCHAR(128) NOT NULL,
    patient_id    VARCHAR(128) NOT NULL,
    rule_id       VARCHAR(128) NOT NULL,
    finding_key   VARCHAR(512) NOT NULL,
    knowledge_version VARCHAR(64) NOT NULL,
    issued_at     TIMESTAMPTZ  NOT NULL
);

CREATE TABLE cds_feedback (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    card_uuid            UUID         NOT NULL REFERENCES cds_card (card_uuid),
    service_id           VARCHAR(64)  NOT NULL,
    outcome              VARCHAR(16)  NOT NULL,
    override_code        VARCHAR(128),
    override_system      VARCHAR(256),
    override_display     VARCHAR(256),
    user_comment         TEXT,
    accepted_suggestions TEXT,
    outcome_at           TIMESTAMPTZ  NOT NULL,
    received_at          TIMESTAMPTZ  NOT NULL
);
CREATE INDEX cds_feedback_card ON cds_feedback (card_uuid);
