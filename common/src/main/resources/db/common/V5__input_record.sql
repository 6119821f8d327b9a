-- What came of every consumed input (issue 17): applied, ignored with a reason, or dead-lettered, per patient.
CREATE TABLE input_record (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    patient_id      VARCHAR(255),
    topic           VARCHAR(255) NOT NULL,
    position        VARCHAR(255) NOT NULL,
    idempotency_key VARCHAR(512) NOT NULL,
    resource_type   VARCHAR(64),
    outcome         VARCHAR(32)  NOT NULL,
    reason          VARCHAR(64),
    received_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX input_record_patient ON input_record (patient_id, id);

-- Resources kept by id so a later reference resolves: a Medication (medicationReference) or a Condition
-- (reasonReference, and the patient's active Conditions when an order gives no reason).
CREATE TABLE received_resource (
    resource_type VARCHAR(64)  NOT NULL,
    resource_id   VARCHAR(255) NOT NULL,
    patient_id    VARCHAR(255),
    payload       TEXT         NOT NULL,
    received_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (resource_type, resource_id)
);
CREATE INDEX received_resource_patient ON received_resource (patient_id, resource_type);
