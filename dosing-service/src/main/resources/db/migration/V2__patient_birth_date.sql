-- The birth date from Patient resources on patient-events, for the label's age limits of a plan.
CREATE TABLE patient_birth_date (
    patient_id VARCHAR(128) PRIMARY KEY,
    birth_date DATE NOT NULL
);
