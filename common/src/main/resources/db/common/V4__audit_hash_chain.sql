-- Tamper evidence: every audit row carries a SHA-256 hash over its content and the previous row's hash
-- (chain_seq order), so a row changed, removed or slipped in breaks the chain where it happened
-- (GET /api/v1/audit-events/verification). Inserts are chained one at a time under a transaction-scoped
-- advisory lock. The service's role may only INSERT and SELECT: the table, its triggers and these
-- functions belong to the schema's owner role, which runs the migrations.
ALTER TABLE audit_event ADD COLUMN chain_seq BIGINT, ADD COLUMN previous_hash CHAR(64), ADD COLUMN row_hash CHAR(64);

CREATE FUNCTION audit_event_hash(previous_hash TEXT, e audit_event) RETURNS TEXT LANGUAGE sql STABLE AS $$
    SELECT encode(sha256(convert_to(concat_ws('|', previous_hash, e.chain_seq::text, e.id::text,
        (extract(epoch FROM e.occurred_at) * 1000000)::bigint::text,
        quote_nullable(e.subject), quote_nullable(e.roles), quote_nullable(e.channel), quote_nullable(e.action),
        quote_nullable(e.patient_pseudonym), quote_nullable(e.target), quote_nullable(e.outcome)), 'UTF8')), 'hex')
$$;

-- Rows written before the chain existed are chained in id order.
ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update;
DO $$
DECLARE
    r audit_event;
    previous TEXT := repeat('0', 64);
    seq BIGINT := 0;
BEGIN
    FOR r IN SELECT * FROM audit_event ORDER BY id LOOP
        seq := seq + 1;
        r.chain_seq := seq;
        r.previous_hash := previous;
        UPDATE audit_event SET chain_seq = seq, previous_hash = previous, row_hash = audit_event_hash(previous, r) WHERE id = r.id;
        previous := audit_event_hash(previous, r);
    END LOOP;
END;
$$;
ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update;
ALTER TABLE audit_event ALTER COLUMN chain_seq SET NOT NULL, ALTER COLUMN previous_hash SET NOT NULL, ALTER COLUMN row_hash SET NOT NULL;
CREATE UNIQUE INDEX audit_event_chain_seq ON audit_event (chain_seq);

CREATE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    last_seq BIGINT;
    last_hash TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(TG_TABLE_SCHEMA || '.audit_event'));
    SELECT chain_seq, row_hash INTO last_seq, last_hash FROM audit_event ORDER BY chain_seq DESC LIMIT 1;
    NEW.chain_seq := COALESCE(last_seq, 0) + 1;
    NEW.previous_hash := COALESCE(last_hash, repeat('0', 64));
    NEW.row_hash := audit_event_hash(NEW.previous_hash, NEW);
    RETURN NEW;
END;
$$;
CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event FOR EACH ROW EXECUTE FUNCTION audit_event_chain();

-- Whoever else holds privileges on the table keeps INSERT and SELECT only.
REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM PUBLIC;
DO $$
DECLARE
    grantee TEXT;
BEGIN
    FOR grantee IN SELECT DISTINCT pg_get_userbyid(a.grantee) FROM pg_class c, aclexplode(c.relacl) a
            WHERE c.oid = 'audit_event'::regclass AND a.grantee <> c.relowner AND a.grantee <> 0 LOOP
        EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM %I', grantee);
    END LOOP;
END;
$$;
