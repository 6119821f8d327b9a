-- Latent tuberculosis (issue 19): the patient's latent TB Conditions and the medicines that treat it (isoniazid, rifampin,
-- rifapentine), one row per resource (the latest version applied), so the start screening can tell latent TB treated
-- from untreated. kind is CONDITION or TREATMENT; active is false once resolved, stopped or entered in error.
CREATE TABLE latent_tb_record (
    patient_id   VARCHAR(128) NOT NULL,
    resource_ref VARCHAR(160) NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    name         VARCHAR(500),
    active       BOOLEAN      NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (patient_id, resource_ref)
);
