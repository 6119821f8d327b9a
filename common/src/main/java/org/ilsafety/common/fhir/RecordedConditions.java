package org.ilsafety.common.fhir;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;

/**
 * Reads a Condition or an AllergyIntolerance of {@code patient-events} as the services keep it: its codes and name,
 * whether it holds now ({@link State}), and its version, so a later version replaces an earlier one and a version
 * older than the one kept is not applied. One reading for every service (interaction-service's patient context,
 * dosing-service's allergy block).
 */
public final class RecordedConditions {
    private static final Set<String> CLOSED_CLINICAL = Set.of("inactive", "resolved", "remission");

    private RecordedConditions() {
    }

    /** Whether a recorded condition or allergy holds: ACTIVE applies; the others remove it (or close what it opened). */
    public enum State {
        /** active, recurrence, relapse, or no clinical status (an HL7 v2 AL1, a bare record): taken as holding. */
        ACTIVE,
        /** clinicalStatus inactive, resolved or remission, or a Condition with an abatement. */
        INACTIVE,
        /** verificationStatus entered-in-error: recorded by mistake. */
        ENTERED_IN_ERROR,
        /** verificationStatus refuted: ruled out. */
        REFUTED
    }

    /** A code of the resource's {@code code}. */
    public record Code(String system, String code) {
    }

    /**
     * {@code ref} is {@code Condition/<id>} or {@code AllergyIntolerance/<id>}; {@code version} is meta.versionId (null when
     * not given); {@code name} the code's text, else its first display.
     */
    public record Recorded(String ref, boolean allergy, State state, String version, Instant lastUpdated, List<Code> codes, String name) {
        public boolean holds() {
            return state == State.ACTIVE;
        }

        /** The codes and name as a CodeableConcept (for recognising a medicine an allergy names). */
        public CodeableConcept concept() {
            CodeableConcept concept = new CodeableConcept().setText(name);
            codes.forEach(c -> concept.addCoding(new Coding(c.system(), c.code(), null)));
            return concept;
        }

        /**
         * False when this version is older than the one kept ({@code keptVersion}, {@code keptUpdated}): numeric versionIds
         * are compared as numbers, else meta.lastUpdated; without either, the latest received wins.
         */
        public boolean supersedes(String keptVersion, Instant keptUpdated) {
            if (version != null && keptVersion != null && version.matches("\\d{1,18}") && keptVersion.matches("\\d{1,18}")) {
                return Long.parseLong(version) >= Long.parseLong(keptVersion);
            }
            if (lastUpdated != null && keptUpdated != null) {
                return !lastUpdated.isBefore(keptUpdated);
            }
            return true;
        }
    }

    /** The codes as one column's text, one {@code system|code} per line (null when none); read back by {@link #codes(String)}. */
    public static String codesText(List<Code> codes) {
        return codes.isEmpty() ? null : String.join("\n", codes.stream().map(c -> (c.system() == null ? "" : c.system()) + "|" + c.code()).toList());
    }

    public static List<Code> codes(String text) {
        List<Code> codes = new ArrayList<>();
        if (text != null) {
            for (String line : text.split("\n")) {
                int bar = line.indexOf('|');
                if (bar >= 0) {
                    codes.add(new Code(bar == 0 ? null : line.substring(0, bar), line.substring(bar + 1)));
                }
            }
        }
        return codes;
    }

    /** The Condition or AllergyIntolerance read; empty for any other resource. */
    public static Optional<Recorded> read(Resource resource) {
        if (resource instanceof AllergyIntolerance allergy) {
            return Optional.of(recorded(allergy, true, allergy.getCode(), state(allergy.getClinicalStatus(), allergy.getVerificationStatus(), false)));
        }
        if (resource instanceof Condition condition) {
            return Optional.of(recorded(condition, false, condition.getCode(),
                    state(condition.getClinicalStatus(), condition.getVerificationStatus(), condition.hasAbatement())));
        }
        return Optional.empty();
    }

    static State state(CodeableConcept clinical, CodeableConcept verification, boolean abated) {
        String verified = code(verification);
        if ("entered-in-error".equals(verified)) {
            return State.ENTERED_IN_ERROR;
        }
        if ("refuted".equals(verified)) {
            return State.REFUTED;
        }
        String status = code(clinical);
        if (status != null ? CLOSED_CLINICAL.contains(status) : abated) {
            return State.INACTIVE;
        }
        return State.ACTIVE;
    }

    private static Recorded recorded(Resource resource, boolean allergy, CodeableConcept code, State state) {
        List<Code> codes = new ArrayList<>();
        String display = null;
        for (Coding coding : code.getCoding()) {
            if (coding.hasCode()) {
                codes.add(new Code(coding.hasSystem() ? coding.getSystem().trim() : null, coding.getCode().trim()));
            }
            if (display == null && coding.hasDisplay()) {
                display = coding.getDisplay();
            }
        }
        String name = code.hasText() ? code.getText() : display;
        String version = resource.getMeta().hasVersionId() ? resource.getMeta().getVersionId() : null;
        Instant updated = resource.getMeta().hasLastUpdated() ? resource.getMeta().getLastUpdated().toInstant() : null;
        return new Recorded(resource.fhirType() + "/" + resource.getIdElement().getIdPart(), allergy, state, version, updated, List.copyOf(codes),
                name);
    }

    private static String code(CodeableConcept concept) {
        if (concept == null) {
            return null;
        }
        return concept.getCoding().stream().map(Coding::getCode).filter(c -> c != null && !c.isBlank()).map(String::trim).findFirst().orElse(null);
    }
}
