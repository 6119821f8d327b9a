package org.ilsafety.interaction.patient;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Observation;
import org.ilsafety.common.fhir.ObservationFacts;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.interaction.knowledge.InteractionKnowledge;
import org.ilsafety.interaction.knowledge.RulesDocument.ObservationCode;
import org.ilsafety.interaction.knowledge.RulesDocument.ObservedStatus;

/**
 * Pregnancy and breastfeeding from Observations ({@code interactions/rules.yaml} {@code observedStatuses}): an Observation
 * with one of a status's LOINC codes is read as a recorded condition of its own reference, coded as the status
 * ({@code recordsAs}, SNOMED CT 77386006 pregnant), so the condition sets and rules about pregnancy apply as they do to
 * a Condition. Its answer (valueCodeableConcept or interpretation codes, exactly; words of the value's text, display or
 * valueString) says the status holds or ends; a negative phrase ("not pregnant") is taken out of the text before the
 * positive words are looked for, and an answer that says both, or neither, is {@link Answer#UNRECOGNISED}.
 */
@ApplicationScoped
public class ObservedStatuses {
    private final List<ObservedStatus> statuses;

    @Inject
    public ObservedStatuses(InteractionKnowledge knowledge) {
        this(knowledge.rules().observedStatusesOrEmpty());
    }

    public ObservedStatuses(List<ObservedStatus> statuses) {
        this.statuses = List.copyOf(statuses);
    }

    public enum Answer {
        HOLDS, ENDS, UNRECOGNISED
    }

    /**
     * One Observation of a status. {@code recorded} is what is kept (state ACTIVE when it holds, INACTIVE when it ends,
     * ENTERED_IN_ERROR when the Observation is void); {@code at} when the reading applies.
     */
    public record Reading(String kind, Answer answer, ObservationFacts.Status status, Instant at, RecordedConditions.Recorded recorded) {
    }

    /** The reading of an Observation of a status; empty for any other Observation. */
    public Optional<Reading> read(Observation observation) {
        for (ObservedStatus status : statuses) {
            Optional<ObservationCode> code = loinc(observation, status);
            if (code.isPresent()) {
                return Optional.of(reading(observation, status, code.get()));
            }
        }
        return Optional.empty();
    }

    private static Optional<ObservationCode> loinc(Observation observation, ObservedStatus status) {
        for (Coding coding : observation.getCode().getCoding()) {
            if (coding.hasCode() && (!coding.hasSystem() || "http://loinc.org".equals(coding.getSystem().trim()))) {
                Optional<ObservationCode> code = status.observations().stream().filter(o -> o.loinc().equals(coding.getCode().trim())).findFirst();
                if (code.isPresent()) {
                    return code;
                }
            }
        }
        return Optional.empty();
    }

    private static Reading reading(Observation observation, ObservedStatus status, ObservationCode code) {
        Answer answer = answer(observation, status);
        ObservationFacts.Status facts = ObservationFacts.status(observation);
        RecordedConditions.State state = facts == ObservationFacts.Status.VOID ? RecordedConditions.State.ENTERED_IN_ERROR
                : answer == Answer.HOLDS ? RecordedConditions.State.ACTIVE : RecordedConditions.State.INACTIVE;
        Instant updated = observation.getMeta().hasLastUpdated() ? observation.getMeta().getLastUpdated().toInstant() : null;
        Instant at = ObservationFacts.effective(observation).orElse(updated != null ? updated : Instant.now());
        String version = observation.getMeta().hasVersionId() ? observation.getMeta().getVersionId() : null;
        String name = status.recordsAs().display() + " (Observation " + code.loinc() + " " + code.display() + ")";
        RecordedConditions.Recorded recorded = new RecordedConditions.Recorded("Observation/" + observation.getIdElement().getIdPart(), false, state,
                version, updated, List.of(new RecordedConditions.Code(status.recordsAs().system(), status.recordsAs().code())), name);
        return new Reading(status.id(), answer, facts, at, recorded);
    }

    static Answer answer(Observation observation, ObservedStatus status) {
        List<String> codes = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        if (observation.hasValueCodeableConcept()) {
            concept(observation.getValueCodeableConcept(), codes, text);
        }
        if (observation.hasValueStringType()) {
            text.append(' ').append(observation.getValueStringType().getValue());
        }
        observation.getInterpretation().forEach(i -> concept(i, codes, text));
        boolean ends = codes.stream().anyMatch(c -> contains(status.ends(), c));
        boolean holds = codes.stream().anyMatch(c -> contains(status.holds(), c));
        String words = " " + words(text.toString()) + " ";
        for (String phrase : status.ends()) {
            String p = " " + words(phrase).trim() + " ";
            if (!p.isBlank() && words.contains(p)) {
                ends = true;
                words = words.replace(p, "  ");
            }
        }
        for (String phrase : status.holds()) {
            String p = " " + words(phrase).trim() + " ";
            if (!p.isBlank() && words.contains(p)) {
                holds = true;
            }
        }
        return holds == ends ? Answer.UNRECOGNISED : holds ? Answer.HOLDS : Answer.ENDS;
    }

    private static void concept(CodeableConcept concept, List<String> codes, StringBuilder text) {
        for (Coding coding : concept.getCoding()) {
            if (coding.hasCode()) {
                codes.add(coding.getCode().trim());
            }
            if (coding.hasDisplay()) {
                text.append(' ').append(coding.getDisplay());
            }
        }
        if (concept.hasText()) {
            text.append(' ').append(concept.getText());
        }
    }

    private static boolean contains(List<String> answers, String code) {
        return answers.stream().anyMatch(a -> a.equalsIgnoreCase(code));
    }

    private static String words(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ");
    }
}
