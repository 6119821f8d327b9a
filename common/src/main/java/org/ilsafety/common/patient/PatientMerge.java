package org.ilsafety.common.patient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Patient;
import org.ilsafety.common.fhir.PatientIds;

/**
 * One patient record merged into another, as a Patient resource states it (FHIR R4 Patient.link): the merged-away
 * record links {@code replaced-by} to the survivor ("must no longer be used"), the survivor links {@code replaces}
 * to the merged-away record. HL7 v2 ADT^A40 arrives as both (hl7-gateway). {@code seealso} and {@code refer} are
 * not merges: the records stay two patients.
 */
public record PatientMerge(String mergedId, String survivingId) {

    /** The merges a Patient's links state; empty for a Patient without {@code replaced-by} or {@code replaces} links. */
    public static List<PatientMerge> of(Patient patient) {
        String self = patient.getIdElement().getIdPart();
        List<PatientMerge> merges = new ArrayList<>();
        for (Patient.PatientLinkComponent link : patient.getLink()) {
            if (link.getType() == null || self == null) {
                continue;
            }
            Optional<String> other = PatientIds.NONE.of(link.getOther());
            if (other.isEmpty() || other.get().equals(self)) {
                continue;
            }
            switch (link.getType()) {
                case REPLACEDBY -> merges.add(new PatientMerge(self, other.get()));
                case REPLACES -> merges.add(new PatientMerge(other.get(), self));
                default -> {
                    // seealso, refer: another record of the same person, not merged
                }
            }
        }
        return merges;
    }
}
