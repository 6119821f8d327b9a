-- A card keeps its rule's source beside the rule id and knowledge version (one Provenance, as a finding does).
-- Cards issued before this migration have none recorded.
ALTER TABLE cds_card ADD COLUMN source TEXT;
