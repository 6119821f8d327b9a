-- Who read or changed patient data, when, how, with what outcome. Append-only: rows are never updated
-- or deleted (triggers refuse it); retention is a deliberate, documented operation by the DBA.
CREATE TABLE audit_event (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at       TIMESTAMPTZ  NOT NULL,
    subject           VARCHAR(255) NOT NULL,
    roles             VARCHAR(255) NOT NULL,
    channel           VARCHAR(16)  NOT NULL,
    action            VARCHAR(512) NOT NULL,
    patient_pseudonym VARCHAR(64),
    target            VARCHAR(255),
    outcome           VARCHAR(64)  NOT NULL
);
CREATE INDEX audit_event_patient ON audit_event (patient_pseudonym, occurred_at);
CREATE INDEX audit_event_time ON audit_event (occurred_at);
CREATE INDEX audit_event_subject ON audit_event (subject, occurred_at);

CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();
