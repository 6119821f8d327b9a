-- The patient's Conditions and AllergyIntolerances from patient-events, one row per resource (the latest version
-- applied), for the re-check's patient context (hypersensitivity, the label's warnings). A removed or closed one
-- (entered-in-error, refuted, inactive, resolved) stays with active = false, so an older version arriving late is
-- recognised as superseded.
CREATE TABLE patient_condition (
    patient_id   VARCHAR(128) NOT NULL,
    resource_ref VARCHAR(160) NOT NULL,
    allergy      BOOLEAN      NOT NULL,
    codes        TEXT,
    name         VARCHAR(1000),
    state        VARCHAR(32)  NOT NULL,
    active       BOOLEAN      NOT NULL,
    version_id   VARCHAR(64),
    last_updated TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (patient_id, resource_ref)
);
