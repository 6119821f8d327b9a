-- Provenance as one value (issue 14): every row that records a rule keeps its source (seed file or label section) and
-- knowledge version beside the rule id. Rows written before keep null there.
ALTER TABLE lab_result ADD COLUMN source TEXT;
ALTER TABLE plan_hold ADD COLUMN source TEXT;
ALTER TABLE plan_hold ADD COLUMN knowledge_version VARCHAR(64);
