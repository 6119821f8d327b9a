-- A status read from Observations (pregnancy, breastfeeding; issue 19) is kept as a patient_condition row of its
-- Observation, recorded as the status's code. observed_kind names the status (rules.yaml observedStatuses id) and
-- observed_at when the reading applies, so a later "not pregnant" ends the earlier readings and an older reading
-- arriving late changes nothing. Both are null for Conditions and AllergyIntolerances.
ALTER TABLE patient_condition ADD COLUMN observed_kind VARCHAR(32);
ALTER TABLE patient_condition ADD COLUMN observed_at TIMESTAMPTZ;
CREATE INDEX patient_condition_observed ON patient_condition (patient_id, observed_kind) WHERE observed_kind IS NOT NULL;
