-- The order in which the service applied its inbound events: a sequence taken when each idempotency key is
-- claimed (in the batch's order, inside the applying transaction). processed_at is one now() per transaction,
-- so events applied in one poll share it and their order could not be told apart.
ALTER TABLE processed_event ADD COLUMN applied_seq BIGINT GENERATED ALWAYS AS IDENTITY;
CREATE INDEX processed_event_applied_seq ON processed_event (applied_seq);
