-- Provenance as one value (issue 14): a plan and each of its changes record the rule's source beside its id and the
-- knowledge version (the label section or seed file the rule comes from). Earlier rows keep a NULL source.
ALTER TABLE therapy_plan ADD COLUMN source VARCHAR(512);
ALTER TABLE plan_change ADD COLUMN source VARCHAR(512);
