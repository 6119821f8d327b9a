package org.ilsafety.monitoring.infection;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.ilsafety.monitoring.knowledge.InfectionKnowledge;

/**
 * Whether a Condition code is an infection: a listed SNOMED CT concept (exact code; a coding without a system is
 * read as SNOMED CT), or an ICD-10-CM code inside an included range or under an included prefix and not excluded.
 * The match names the entry of the value set that matched and whether it is verified.
 */
public final class InfectionValueSet {
    private final InfectionKnowledge knowledge;

    public InfectionValueSet(InfectionKnowledge knowledge) {
        this.knowledge = knowledge;
    }

    /** A matched code: its system and code, and the value-set entry ("J09-J18 Influenza and pneumonia"). */
    public record Match(String system, String code, String entry, String display, boolean verified) {
    }

    public Optional<Match> match(CodeableConcept concept) {
        if (concept == null) {
            return Optional.empty();
        }
        for (Coding coding : concept.getCoding()) {
            Optional<Match> match = match(coding.getSystem(), coding.getCode());
            if (match.isPresent()) {
                return match;
            }
        }
        return Optional.empty();
    }

    public Optional<Match> match(String system, String code) {
        if (code == null || code.isBlank()) {
            return Optional.empty();
        }
        String snomed = knowledge.snomed().system();
        if (system == null || system.isBlank() || snomed.equals(system)) {
            return knowledge.snomed().codes().stream().filter(c -> c.code().equals(code.trim())).findFirst()
                    .map(c -> new Match(snomed, c.code(), c.code(), c.display(), c.verified()));
        }
        InfectionKnowledge.Icd10Cm icd = knowledge.icd10cm();
        if (!icd.system().equals(system)) {
            return Optional.empty();
        }
        String normalized = normalized(code);
        if (first(icd.exclude(), normalized).isPresent()) {
            return Optional.empty();
        }
        return first(icd.include(), normalized).map(r -> new Match(system, code.trim(), r.codes(), r.display(), r.verified()));
    }

    private static Optional<InfectionKnowledge.CodeRange> first(List<InfectionKnowledge.CodeRange> ranges, String code) {
        return ranges.stream().filter(r -> covers(r.codes(), code)).findFirst();
    }

    /** "N39.0" covers N39.0 and N39.0x; "A00-B99" covers every code whose category lies from A00 to B99. */
    static boolean covers(String range, String code) {
        int dash = range.indexOf('-');
        if (dash < 0) {
            return code.startsWith(normalized(range));
        }
        String from = normalized(range.substring(0, dash));
        String to = normalized(range.substring(dash + 1));
        if (code.length() < from.length()) {
            return false;
        }
        String head = code.substring(0, from.length());
        return head.compareTo(from) >= 0 && head.compareTo(to.substring(0, Math.min(to.length(), from.length()))) <= 0;
    }

    private static String normalized(String code) {
        return code.replace(".", "").replaceAll("\\s", "").toUpperCase(Locale.ROOT);
    }
}
