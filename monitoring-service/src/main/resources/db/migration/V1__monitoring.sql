-- Lab results, conditions and screens per patient; the causes holding a plan change; alerts; lab schedules.
CREATE TABLE lab_result (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id        VARCHAR(128) NOT NULL,
    observation_id    VARCHAR(128) NOT NULL,
    loinc             VARCHAR(32)  NOT NULL,
    analyte           VARCHAR(32)  NOT NULL,
    value             DOUBLE PRECISION NOT NULL,
    unit              VARCHAR(32),
    reference_high    DOUBLE PRECISION,
    converted_value   DOUBLE PRECISION,
    converted_unit    VARCHAR(32),
    scaled_value      DOUBLE PRECISION,
    observed_at       TIMESTAMPTZ  NOT NULL,
    received_at       TIMESTAMPTZ  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    grading_context   VARCHAR(16),
    band              VARCHAR(64),
    action            VARCHAR(16),
    rule_id           VARCHAR(64),
    knowledge_version VARCHAR(64),
    message           TEXT,
    CONSTRAINT lab_result_observation UNIQUE (patient_id, observation_id)
);
CREATE INDEX lab_result_history ON lab_result (patient_id, analyte, observed_at DESC);

CREATE TABLE patient_condition (
    patient_id    VARCHAR(128) NOT NULL,
    condition_id  VARCHAR(128) NOT NULL,
    snomed_code   VARCHAR(32),
    active        BOOLEAN      NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (patient_id, condition_id)
);

CREATE TABLE screening_result (
    patient_id     VARCHAR(128) NOT NULL,
    screen         VARCHAR(16)  NOT NULL,
    observation_id VARCHAR(128) NOT NULL,
    outcome        VARCHAR(16)  NOT NULL,
    observed_at    TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (patient_id, screen, observation_id)
);

-- What currently holds a plan change for a patient: one row per cause (ANC, ALT, INFECTION:<condition>, SCREEN:TB ...).
CREATE TABLE plan_hold (
    patient_id  VARCHAR(128) NOT NULL,
    cause       VARCHAR(160) NOT NULL,
    action      VARCHAR(16)  NOT NULL,
    analyte     VARCHAR(32)  NOT NULL,
    rule_id     VARCHAR(64),
    opened_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (patient_id, cause)
);

CREATE TABLE alert (
    id                         UUID PRIMARY KEY,
    patient_id                 VARCHAR(128) NOT NULL,
    type                       VARCHAR(32)  NOT NULL,
    subject                    VARCHAR(160) NOT NULL,
    analyte                    VARCHAR(32),
    status                     VARCHAR(16)  NOT NULL,
    severity                   VARCHAR(16)  NOT NULL,
    action                     VARCHAR(16),
    message                    TEXT         NOT NULL,
    rule_id                    VARCHAR(64),
    source                     TEXT,
    knowledge_version          VARCHAR(64),
    requires_individual_review BOOLEAN      NOT NULL DEFAULT FALSE,
    occurrences                INTEGER      NOT NULL,
    raised_at                  TIMESTAMPTZ  NOT NULL,
    updated_at                 TIMESTAMPTZ  NOT NULL,
    last_observed_at           TIMESTAMPTZ,
    acknowledged_by            VARCHAR(128),
    acknowledged_at            TIMESTAMPTZ,
    acknowledgement_reason     TEXT,
    resolved_at                TIMESTAMPTZ,
    resolved_by                VARCHAR(128),
    resolution                 TEXT,
    version                    BIGINT       NOT NULL
);
-- The same condition never has two active alerts: a worse result escalates the one that is there.
CREATE UNIQUE INDEX alert_one_active ON alert (patient_id, type, subject) WHERE status IN ('OPEN', 'ACKNOWLEDGED');
CREATE INDEX alert_dashboard ON alert (status, severity, raised_at DESC);
CREATE INDEX alert_patient ON alert (patient_id, raised_at DESC);

CREATE TABLE lab_schedule (
    patient_id      VARCHAR(128) NOT NULL,
    lab_group       VARCHAR(32)  NOT NULL,
    schedule_id     VARCHAR(64)  NOT NULL,
    rule_id         VARCHAR(64)  NOT NULL,
    started_at      TIMESTAMPTZ  NOT NULL,
    last_result_at  TIMESTAMPTZ,
    due_at          TIMESTAMPTZ,
    overdue_at      TIMESTAMPTZ,
    due_alerted     BOOLEAN      NOT NULL DEFAULT FALSE,
    overdue_alerted BOOLEAN      NOT NULL DEFAULT FALSE,
    active          BOOLEAN      NOT NULL,
    PRIMARY KEY (patient_id, lab_group)
);
CREATE INDEX lab_schedule_due ON lab_schedule (due_at) WHERE active;
