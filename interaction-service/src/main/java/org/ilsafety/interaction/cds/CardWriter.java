package org.ilsafety.interaction.cds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.ilsafety.common.security.CurrentCaller;
import jakarta.transaction.Transactional;

import org.ilsafety.interaction.check.Finding;
import org.ilsafety.interaction.check.Severity;
import org.ilsafety.interaction.check.Therapy;
import org.ilsafety.interaction.knowledge.InteractionKnowledge;
import org.ilsafety.interaction.patient.DetectedIssueWriter;

/**
 * Findings as CDS Hooks cards: summary under 140 characters, indicator critical (contraindicated), warning
 * (major) or info (moderate, minor), the rule's source as the label and its id as the topic, the override
 * reasons of rules.yaml, and a suggestion to delete the conflicting draft order where the rule says that is
 * the fix. Every card is recorded so feedback can be tied to the rule that raised it.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class CardWriter {
    static final int MAX_SUMMARY = 139;
    static final String OVERRIDE_SYSTEM = "https://ilsafety.org/fhir/CodeSystem/cds-override-reason";

    private final EntityManager entityManager;
    private final InteractionKnowledge knowledge;
    private final CurrentCaller caller;

    public CardWriter(EntityManager entityManager, InteractionKnowledge knowledge, CurrentCaller caller) {
        this.entityManager = entityManager;
        this.knowledge = knowledge;
        this.caller = caller;
    }

    public List<CdsModel.Card> cards(HookInputs inputs, Therapy therapy, String therapyDraft, List<Finding> findings) {
        List<CdsModel.Coding> overrideReasons = knowledge.rules().overrideReasons().stream()
                .map(r -> new CdsModel.Coding(OVERRIDE_SYSTEM, r.code(), r.display())).toList();
        List<CdsModel.Card> cards = new ArrayList<>();
        Instant now = Instant.now();
        for (Finding finding : findings) {
            String uuid = UUID.randomUUID().toString();
            String draftToRemove = inputs.focus().contains(finding.matched().ref()) ? finding.matched().ref() : therapyDraft;
            List<CdsModel.Suggestion> suggestions = new ArrayList<>();
            if (finding.removeDraftOrder() && draftToRemove != null) {
                String label = "Remove the draft order for " + (draftToRemove.equals(therapyDraft) ? therapy.drug() : display(finding));
                suggestions.add(new CdsModel.Suggestion(label, UUID.randomUUID().toString(), true,
                        List.of(new CdsModel.Action("delete", label, draftToRemove))));
            }
            Map<String, Object> extension = new LinkedHashMap<>();
            extension.put("org.ilsafety.ruleId", finding.provenance().ruleId());
            extension.put("org.ilsafety.knowledgeVersion", finding.provenance().knowledgeVersion());
            extension.put("org.ilsafety.findingKey", finding.key());
            extension.put("org.ilsafety.category", finding.category().name());
            extension.put("org.ilsafety.severity", finding.severity().name());
            extension.put("org.ilsafety.verified", finding.verified());
            cards.add(new CdsModel.Card(uuid, summary(finding, therapy), detail(finding, therapy), indicator(finding.severity()),
                    new CdsModel.Source(finding.provenance().source(), null,
                            new CdsModel.Coding(DetectedIssueWriter.RULE_SYSTEM, finding.provenance().ruleId(), finding.category().name())),
                    suggestions, suggestions.isEmpty() ? null : "at-most-one", overrideReasons, extension));
            entityManager.persist(IssuedCard.of(uuid, inputs, finding, now, caller.get().subject()));
        }
        return cards;
    }

    static String indicator(Severity severity) {
        return switch (severity) {
            case CONTRAINDICATED -> "critical";
            case MAJOR -> "warning";
            default -> "info";
        };
    }

    static String summary(Finding finding, Therapy therapy) {
        String severity = finding.severity().name().charAt(0) + finding.severity().name().substring(1).toLowerCase(Locale.ROOT);
        String what = switch (finding.category()) {
            case LIVE_VACCINE -> "live vaccine " + display(finding);
            case DUPLICATE_THERAPY -> "second " + therapy.drug() + " product " + display(finding);
            default -> display(finding);
        };
        String summary = severity + ": " + what + " with " + therapy.drug();
        return summary.length() <= MAX_SUMMARY ? summary : summary.substring(0, MAX_SUMMARY - 1) + "…";
    }

    private static String detail(Finding finding, Therapy therapy) {
        return "**" + finding.mechanism() + "**\n\n" + finding.management() + "\n\nMatched: " + display(finding) + " (" + finding.matched().ref()
                + "), therapy " + therapy.drug() + (therapy.product() != null ? " (" + therapy.product() + ")" : "") + ", " + therapy.status()
                + ".\n\nRule " + finding.provenance().ruleId() + (finding.verified() ? "" : " (not yet verified against the label)") + "; knowledge "
                + finding.provenance().knowledgeVersion() + ".";
    }

    private static String display(Finding finding) {
        if (finding.matched().name() != null) {
            return finding.matched().name();
        }
        return finding.resolvedTo().display();
    }
}
