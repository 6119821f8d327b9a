-- The patient's AllergyIntolerances from patient-events, one row per resource (the latest version applied), kept
-- whether or not a plan exists: an allergy that contraindicates the plan's drug blocks or holds the plan. A removed or
-- closed one (entered-in-error, refuted, inactive, resolved) stays with active = false, so an older version arriving
-- late is recognised as superseded.
CREATE TABLE patient_allergy (
    patient_id   VARCHAR(128) NOT NULL,
    resource_ref VARCHAR(160) NOT NULL,
    codes        TEXT,
    name         VARCHAR(1000),
    state        VARCHAR(32)  NOT NULL,
    active       BOOLEAN      NOT NULL,
    version_id   VARCHAR(64),
    last_updated TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (patient_id, resource_ref)
);
