-- Issue 14: the therapy copy keeps the plan rule's whole provenance (rule id, source, knowledge version).
ALTER TABLE active_therapy ADD COLUMN source VARCHAR(256);
