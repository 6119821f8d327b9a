-- Renal-function readings per patient (creatinine clearance, eGFR) in mL/min, from Observations or a prescriber's
-- request, kept whether or not a plan exists; the plan names the reading its dose used (issue 19 item 4).
CREATE TABLE renal_reading (
    id          BIGSERIAL PRIMARY KEY,
    patient_id  VARCHAR(128) NOT NULL,
    source_id   VARCHAR(160) NOT NULL,
    measured_at TIMESTAMPTZ  NOT NULL,
    ml_per_min  DOUBLE PRECISION NOT NULL,
    comparator  VARCHAR(2),
    code        VARCHAR(32),
    display     VARCHAR(160),
    estimate    BOOLEAN      NOT NULL,
    UNIQUE (patient_id, source_id)
);
CREATE INDEX renal_reading_patient ON renal_reading (patient_id, measured_at);

ALTER TABLE therapy_plan ADD COLUMN renal_reading_id BIGINT REFERENCES renal_reading (id) ON DELETE SET NULL;
