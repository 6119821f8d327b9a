package org.ilsafety.common.fhir;

import java.util.Optional;

import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/** Resolves a reference to a contained resource ({@code #id}) or to one kept earlier ({@code Type/id}, absolute URL). */
public final class References {
    private References() {
    }

    public static Optional<Resource> resolve(DomainResource owner, Reference reference, String type, EarlierResources earlier) {
        if (reference == null || !reference.hasReference()) {
            return Optional.empty();
        }
        String target = reference.getReference();
        if (target.startsWith("#")) {
            String id = target.substring(1);
            return owner.getContained().stream().filter(c -> type.equals(c.fhirType()) && id.equals(c.getIdElement().getIdPart())).findFirst();
        }
        String path = target.replaceFirst("/_history/[^/]*$", "");
        int at = path.lastIndexOf(type + "/");
        if (at < 0 || (at > 0 && path.charAt(at - 1) != '/')) {
            return Optional.empty();
        }
        String id = path.substring(at + type.length() + 1);
        return id.isEmpty() || id.contains("/") ? Optional.empty() : earlier.find(type, id);
    }
}
