package org.ilsafety.interaction.cds;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.interaction.check.Finding;

/** A card this service answered, so feedback can be tied to the rule that raised it. */
@Entity
@Table(name = "cds_card")
public class IssuedCard {
    @Id
    @Column(name = "card_uuid")
    public UUID cardUuid;

    @Column(name = "service_id")
    public String serviceId;

    @Column(name = "hook_instance")
    public String hookInstance;

    @Column(name = "patient_id")
    public String patientId;

    @Column(name = "finding_key")
    public String findingKey;

    /** The rule that raised the card, its source and the knowledge version (columns {@code rule_id}, {@code source}, {@code knowledge_version}). */
    @Embedded
    public Provenance provenance;

    @Column(name = "issued_at")
    public Instant issuedAt;

    /** The verified EHR client ({@code <issuer>|<client id>}) that asked: the only one that may give feedback on the card. */
    @Column(name = "issued_to")
    public String issuedTo;

    static IssuedCard of(String uuid, HookInputs inputs, Finding finding, Instant now, String issuedTo) {
        IssuedCard card = new IssuedCard();
        card.cardUuid = UUID.fromString(uuid);
        card.serviceId = inputs.serviceId();
        card.hookInstance = inputs.hookInstance();
        card.patientId = inputs.patientId();
        card.findingKey = finding.key();
        card.provenance = finding.provenance();
        card.issuedAt = now;
        card.issuedTo = issuedTo;
        return card;
    }
}
