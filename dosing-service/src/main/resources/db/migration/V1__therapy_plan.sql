-- One therapy plan per patient: product, indication, route, dosing weight, step, status and schedule.
CREATE TABLE therapy_plan (
    patient_id          VARCHAR(128) PRIMARY KEY,
    request_id          VARCHAR(128),
    product_id          VARCHAR(32)  NOT NULL,
    molecule_id         VARCHAR(32)  NOT NULL,
    indication          VARCHAR(32),
    route               VARCHAR(8),
    status              VARCHAR(16)  NOT NULL,
    step                VARCHAR(16)  NOT NULL,
    off_label           BOOLEAN      NOT NULL DEFAULT FALSE,
    prescriber_regimen  TEXT,
    requested_mg_per_kg DOUBLE PRECISION,
    dosing_weight_kg    DOUBLE PRECISION,
    age_years           DOUBLE PRECISION,
    dose_mg             DOUBLE PRECISION,
    dose_interval       VARCHAR(16),
    current_dose        TEXT,
    dose_issue          VARCHAR(512),
    doses_given         INTEGER      NOT NULL DEFAULT 0,
    started_at          TIMESTAMPTZ  NOT NULL,
    last_dose_at        TIMESTAMPTZ,
    next_due_at         TIMESTAMPTZ,
    earliest_repeat_at  TIMESTAMPTZ,
    review_required     BOOLEAN      NOT NULL DEFAULT FALSE,
    start_blocked       BOOLEAN      NOT NULL DEFAULT FALSE,
    overdue_flagged_due TIMESTAMPTZ,
    interrupted_for     VARCHAR(256),
    blocked_for         VARCHAR(256),
    updated_at          TIMESTAMPTZ  NOT NULL,
    rule_id             VARCHAR(128),
    knowledge_version   VARCHAR(64),
    version             BIGINT       NOT NULL DEFAULT 0
);

CREATE INDEX therapy_plan_due ON therapy_plan (status, next_due_at);

-- Doses given (MedicationAdministration or REST), once per source id.
CREATE TABLE plan_administration (
    id              BIGSERIAL PRIMARY KEY,
    patient_id      VARCHAR(128) NOT NULL,
    source_id       VARCHAR(160) NOT NULL,
    administered_at TIMESTAMPTZ  NOT NULL,
    dose_mg         DOUBLE PRECISION,
    route           VARCHAR(8),
    product_id      VARCHAR(32),
    dose_number     INTEGER      NOT NULL,
    UNIQUE (patient_id, source_id)
);
CREATE INDEX plan_administration_patient ON plan_administration (patient_id, administered_at);

-- Every change of a plan, with the rule and knowledge version that caused it.
CREATE TABLE plan_change (
    id                BIGSERIAL PRIMARY KEY,
    patient_id        VARCHAR(128) NOT NULL,
    occurred_at       TIMESTAMPTZ  NOT NULL,
    change            VARCHAR(32)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    step              VARCHAR(16)  NOT NULL,
    dose_mg           DOUBLE PRECISION,
    reason            VARCHAR(512),
    rule_id           VARCHAR(128),
    knowledge_version VARCHAR(64)
);
CREATE INDEX plan_change_patient ON plan_change (patient_id, id);

-- Body-weight readings per patient (LOINC 29463-7, 3141-9), kept whether or not a plan exists.
CREATE TABLE weight_reading (
    id          BIGSERIAL PRIMARY KEY,
    patient_id  VARCHAR(128) NOT NULL,
    source_id   VARCHAR(160) NOT NULL,
    measured_at TIMESTAMPTZ  NOT NULL,
    weight_kg   DOUBLE PRECISION NOT NULL,
    UNIQUE (patient_id, source_id)
);
CREATE INDEX weight_reading_patient ON weight_reading (patient_id, measured_at);
