package org.ilsafety.testsupport;

/**
 * FHIR R4 JSON shaped as US EHRs and integration engines send it (issue 17), for the services' flow tests:
 * transaction Bundles with {@code urn:uuid:} references, a Medication referenced rather than coded inline,
 * SNOMED CT reasons, identifier-only patient references, comparator values, unusual units.
 */
public final class HospitalShapes {
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String SNOMED = "http://snomed.info/sct";
    /** RxNorm ingredient tocilizumab. */
    public static final String TOCILIZUMAB_RXNORM = "612865";
    /** SNOMED CT rheumatoid arthritis. */
    public static final String RA_SNOMED = "69896004";

    private HospitalShapes() {
    }

    /**
     * A transaction Bundle as an EHR export: the Patient (urn:uuid, MRN identifier), an active rheumatoid
     * arthritis Condition, a tocilizumab Medication, an IV order referencing both by urn:uuid, an Encounter
     * (not used by the suite), then {@code extraEntries} (JSON entry objects, comma-separated, may be empty).
     */
    public static String ehrExport(String patientId, String extraEntries) {
        String entries = """
                {"fullUrl":"urn:uuid:%1$s-pat","resource":{"resourceType":"Patient","id":"%1$s","birthDate":"1970-05-01",
                  "identifier":[{"system":"urn:oid:2.16.840.1.113883.19.5","value":"MRN-%1$s"}]},"request":{"method":"POST","url":"Patient"}},
                {"fullUrl":"urn:uuid:%1$s-enc","resource":{"resourceType":"Encounter","id":"%1$s-enc","status":"finished",
                  "class":{"code":"AMB"},"subject":{"reference":"urn:uuid:%1$s-pat"}},"request":{"method":"POST","url":"Encounter"}},
                {"fullUrl":"urn:uuid:%1$s-ra","resource":{"resourceType":"Condition","id":"%1$s-ra",
                  "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},
                  "code":{"coding":[{"system":"%3$s","code":"%4$s","display":"Rheumatoid arthritis"}]},
                  "subject":{"reference":"urn:uuid:%1$s-pat"}},"request":{"method":"POST","url":"Condition"}},
                {"fullUrl":"urn:uuid:%1$s-med","resource":{"resourceType":"Medication","id":"%1$s-med",
                  "code":{"coding":[{"system":"%5$s","code":"%6$s","display":"tocilizumab"}]}},"request":{"method":"POST","url":"Medication"}},
                {"fullUrl":"urn:uuid:%1$s-mr","resource":{"resourceType":"MedicationRequest","id":"%1$s-mr","status":"active","intent":"order",
                  "medicationReference":{"reference":"urn:uuid:%1$s-med"},"subject":{"reference":"urn:uuid:%1$s-pat"},
                  "authoredOn":"2026-11-01","reasonReference":[{"reference":"urn:uuid:%1$s-ra"}],
                  "dosageInstruction":[{"route":{"coding":[{"system":"%3$s","code":"47625008"}]}}]},"request":{"method":"POST","url":"MedicationRequest"}}
                """.formatted(patientId, "", SNOMED, RA_SNOMED, RXNORM, TOCILIZUMAB_RXNORM);
        return "{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[" + entries + (extraEntries.isBlank() ? "" : "," + extraEntries)
                + "]}";
    }

    /** A Bundle entry of a lab Observation whose subject is the Bundle's Patient by urn:uuid; {@code quantity} is a JSON valueQuantity. */
    public static String labEntry(String patientId, String id, String loinc, String quantity, String referenceHigh) {
        return "{\"fullUrl\":\"urn:uuid:" + id + "\",\"resource\":" + lab("urn:uuid:" + patientId + "-pat", id, loinc, quantity, referenceHigh)
                + ",\"request\":{\"method\":\"POST\",\"url\":\"Observation\"}}";
    }

    /**
     * A final lab Observation, effective as a Period, for the subject reference given ({@code Patient/x}, a urn:uuid, ...);
     * {@code quantity} is a JSON valueQuantity (comparators, any unit, 1e400); {@code referenceHigh} a JSON Quantity or null.
     */
    public static String lab(String subjectReference, String id, String loinc, String quantity, String referenceHigh) {
        return """
                {"resourceType":"Observation","id":"%s","status":"final",
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},"subject":{"reference":"%s"},
                 "effectivePeriod":{"start":"2026-11-10T08:00:00Z"},"valueQuantity":%s%s}
                """.formatted(id, loinc, subjectReference, quantity,
                referenceHigh == null ? "" : ",\"referenceRange\":[{\"high\":" + referenceHigh + "}]");
    }

    /** A tocilizumab order with a contained Medication (RxNorm) and no reason at all: the indication is unknown. */
    public static String orderWithContainedMedication(String patientId, String id) {
        return """
                {"resourceType":"MedicationRequest","id":"%s","status":"active","intent":"order",
                 "contained":[{"resourceType":"Medication","id":"m1","code":{"coding":[{"system":"%s","code":"%s"}]}}],
                 "medicationReference":{"reference":"#m1"},"subject":{"reference":"Patient/%s"},"authoredOn":"2026-11-01",
                 "dosageInstruction":[{"route":{"coding":[{"system":"%s","code":"47625008"}]}}]}
                """.formatted(id, RXNORM, TOCILIZUMAB_RXNORM, patientId, SNOMED);
    }
}
