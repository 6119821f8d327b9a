-- The EHR a card was issued to (<issuer>|<client id> of the verified client token): only that EHR may give
-- feedback on the card. Cards issued before this column existed have none and take no feedback.
ALTER TABLE cds_card ADD COLUMN issued_to VARCHAR(600);
