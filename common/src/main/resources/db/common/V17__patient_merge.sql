-- Patient merges (issue 13: HL7 v2 ADT^A40, FHIR Patient.link replaced-by / replaces): each merged-away patient id
-- and the id that survives it. Events for a merged-away id apply to the survivor; a chain (A into B, then B into C)
-- is kept flat (A and B both point at C).
CREATE TABLE patient_merge (
    merged_id    VARCHAR(128) PRIMARY KEY,
    surviving_id VARCHAR(128) NOT NULL,
    merged_at    TIMESTAMPTZ  NOT NULL,
    source       VARCHAR(512) NOT NULL,
    CHECK (merged_id <> surviving_id)
);
CREATE INDEX patient_merge_survivor ON patient_merge (surviving_id);
