-- lab_result ids come from a sequence handed out 50 at a time (Hibernate's pooled optimizer: a value v
-- covers the ids v-49..v), so a poll's new results are inserted in JDBC batches instead of one
-- IDENTITY round trip each. The first value is set above every existing id.
ALTER TABLE lab_result ALTER COLUMN id DROP IDENTITY;
CREATE SEQUENCE lab_result_seq INCREMENT BY 50 MINVALUE 1;
SELECT setval('lab_result_seq', COALESCE((SELECT max(id) FROM lab_result), 0) + 50, false);
