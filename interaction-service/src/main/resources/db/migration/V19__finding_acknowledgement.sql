-- Issue 12: a person acknowledges an open interaction finding from the console's worklist.
-- Every finding gets an opaque id (its natural key, patient id and finding key, holds a patient id and
-- characters that do not travel well in a URL path).
ALTER TABLE interaction_finding ADD COLUMN id UUID NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE interaction_finding ADD CONSTRAINT interaction_finding_id_unique UNIQUE (id);

-- The acknowledgement of the finding's current episode: who, when, why. Cleared when a closed finding opens
-- again, so it returns to the open worklist.
ALTER TABLE interaction_finding ADD COLUMN acknowledged_by VARCHAR(255);
ALTER TABLE interaction_finding ADD COLUMN acknowledged_at TIMESTAMPTZ;
ALTER TABLE interaction_finding ADD COLUMN acknowledgement_reason VARCHAR(2000);

-- The worklist across patients: open findings, most severe first, newest first.
CREATE INDEX interaction_finding_worklist ON interaction_finding (status, severity, opened_at DESC);

-- Every acknowledgement ever given (the row above keeps only the current episode's), for the alert burden per rule.
CREATE TABLE interaction_finding_acknowledgement (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id      UUID          NOT NULL REFERENCES interaction_finding (id),
    rule_id         VARCHAR(128)  NOT NULL,
    acknowledged_by VARCHAR(255)  NOT NULL,
    acknowledged_at TIMESTAMPTZ   NOT NULL,
    reason          VARCHAR(2000) NOT NULL
);
CREATE INDEX interaction_finding_acknowledgement_at ON interaction_finding_acknowledgement (acknowledged_at);

-- CDS Hooks summary per period.
CREATE INDEX cds_card_issued_at ON cds_card (issued_at);
