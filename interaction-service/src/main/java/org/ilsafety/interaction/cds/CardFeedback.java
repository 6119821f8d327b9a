package org.ilsafety.interaction.cds;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What the clinician did with a card: accepted (with the suggestions taken) or overridden (with the reason). */
@Entity
@Table(name = "cds_feedback")
public class CardFeedback {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "card_uuid")
    public UUID cardUuid;

    @Column(name = "service_id")
    public String serviceId;

    public String outcome;

    @Column(name = "override_code")
    public String overrideCode;

    @Column(name = "override_system")
    public String overrideSystem;

    @Column(name = "override_display")
    public String overrideDisplay;

    @Column(name = "user_comment")
    public String userComment;

    @Column(name = "accepted_suggestions")
    public String acceptedSuggestions;

    @Column(name = "outcome_at")
    public Instant outcomeAt;

    @Column(name = "received_at")
    public Instant receivedAt;
}
