package org.ilsafety.common.fhir;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Resource;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import io.quarkus.runtime.Startup;

/** The service's one FHIR R4 context (costly to build, thread-safe); parsers are made per call. */
@ApplicationScoped
@Startup
public class Fhir {
    private final FhirContext context = FhirContext.forR4();

    public FhirContext context() {
        return context;
    }

    /**
     * Parses a FHIR R4 resource from JSON. Unknown elements are ignored; invalid values are errors.
     * The thrown message never quotes the input.
     */
    public Resource parse(String json) {
        IParser parser = context.newJsonParser();
        LenientErrorHandler errors = new LenientErrorHandler(false);
        errors.setErrorOnInvalidValue(true);
        parser.setParserErrorHandler(errors);
        try {
            IBaseResource parsed = parser.parseResource(json);
            if (parsed instanceof Resource resource) {
                return resource;
            }
            throw new FhirFormatException("the payload is not a FHIR R4 resource");
        } catch (DataFormatException | ClassCastException | IllegalArgumentException e) {
            throw new FhirFormatException("the payload is not valid FHIR R4 JSON");
        }
    }

    public String toJson(IBaseResource resource) {
        return context.newJsonParser().encodeResourceToString(resource);
    }

    /** A payload that is not FHIR R4 JSON; the message is safe to log. */
    public static class FhirFormatException extends RuntimeException {
        public FhirFormatException(String safeMessage) {
            super(safeMessage, null, false, false);
        }
    }
}
