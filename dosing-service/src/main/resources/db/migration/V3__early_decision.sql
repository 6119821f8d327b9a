-- Monitoring decisions that arrived before the patient's plan existed (the lab was graded before this
-- service read the order); applied in arrival order when the plan is created.
CREATE TABLE early_decision (
    seq         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id  VARCHAR(128) NOT NULL,
    decision    TEXT         NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL
);
CREATE INDEX early_decision_patient ON early_decision (patient_id, seq);
