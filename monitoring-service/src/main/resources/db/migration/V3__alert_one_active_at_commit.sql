-- The same condition never has two active alerts, checked when the transaction commits rather than at each
-- row: a poll that resolves a condition's alert and raises a new one for it may write the new row first.
DROP INDEX alert_one_active;
ALTER TABLE alert ADD CONSTRAINT alert_one_active
    EXCLUDE USING btree (patient_id WITH =, type WITH =, subject WITH =) WHERE (status IN ('OPEN', 'ACKNOWLEDGED'))
    DEFERRABLE INITIALLY DEFERRED;
