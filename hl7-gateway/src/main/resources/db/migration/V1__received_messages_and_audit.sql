-- Messages acknowledged with AA: a resend of the same control id from the same sender is acknowledged again
-- without a second event.
CREATE TABLE received_message (
    sender_application text NOT NULL,
    sender_facility    text NOT NULL,
    control_id         text NOT NULL,
    message_type       text NOT NULL,
    event_count        integer NOT NULL,
    accepted_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (sender_application, sender_facility, control_id)
);

-- Every message and what came of it, append-only: no patient data, only the sender, the control id and the
-- outcome (AA, AA duplicate, AE, AR, or a frame nobody could be answered for).
CREATE TABLE message_audit (
    id                 bigserial PRIMARY KEY,
    received_at        timestamptz NOT NULL DEFAULT now(),
    peer               text,
    sender_application text,
    sender_facility    text,
    control_id         text,
    message_type       text,
    version            text,
    acknowledgment     text,
    outcome            text NOT NULL,
    error_code         integer,
    error_location     text,
    reason             text,
    event_count        integer NOT NULL DEFAULT 0
);
CREATE INDEX message_audit_control_id ON message_audit (sender_application, sender_facility, control_id);

CREATE FUNCTION message_audit_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'message_audit is append-only';
END;
$$;
CREATE TRIGGER message_audit_no_update BEFORE UPDATE OR DELETE ON message_audit
    FOR EACH ROW EXECUTE FUNCTION message_audit_is_append_only();
CREATE TRIGGER message_audit_no_truncate BEFORE TRUNCATE ON message_audit
    FOR EACH STATEMENT EXECUTE FUNCTION message_audit_is_append_only();
