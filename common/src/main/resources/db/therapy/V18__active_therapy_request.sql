-- The MedicationRequest id of the course's current order, so a stopped or completed order other than it (a one-off order
-- for a dose given in clinic, beside the standing order) is IGNORED with NOT_THE_CURRENT_ORDER instead of ending the
-- course (found with the Synthea corpus, issue 17). Rows from before stay null: the next order of the course sets it.
ALTER TABLE active_therapy ADD COLUMN request_id VARCHAR(255);
