package org.ilsafety.interaction.cds;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.fhir.Fhir;

/**
 * Reads a Bundle the check uses: a prefetch value the EHR sent, a page fetched from its FHIR server, the draft
 * orders. One reading for all, so a fetched Bundle means exactly what the same Bundle prefetched means. A
 * reason never quotes the input.
 */
final class BundleReader {
    private BundleReader() {
    }

    /** The Bundle in {@code json}, or {@link Unreadable} with a reason relative to the Bundle ({@code ""} or {@code .entry[i]...}). */
    static Bundle bundle(String json, Fhir fhir) {
        Resource resource;
        try {
            resource = fhir.parse(json);
        } catch (Fhir.FhirFormatException e) {
            throw new Unreadable("", "must be a FHIR R4 Bundle");
        }
        if (!(resource instanceof Bundle bundle)) {
            throw new Unreadable("", "must be a FHIR R4 Bundle");
        }
        for (int i = 0; i < bundle.getEntry().size(); i++) {
            Resource entry = bundle.getEntry().get(i).getResource();
            if (entry instanceof MedicationRequest request && request.getIdElement().getIdPart() == null) {
                throw new Unreadable(".entry[" + i + "].resource.id", "is required for a MedicationRequest");
            }
        }
        return bundle;
    }

    /** The resources of a Bundle's entries, in entry order. */
    static List<Resource> resources(Bundle bundle) {
        List<Resource> resources = new ArrayList<>();
        bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(Objects::nonNull).forEach(resources::add);
        return resources;
    }

    /** A Bundle the check cannot read: where ({@code ""} for the Bundle itself) and why. */
    static final class Unreadable extends RuntimeException {
        private final String where;

        Unreadable(String where, String why) {
            super(why, null, false, false);
            this.where = where;
        }

        String where() {
            return where;
        }
    }
}
