package org.ilsafety.testsupport;

/**
 * FHIR R4 JSON as a hospital integration bus sends it, for tests. Codes: RxNorm for medicines, SNOMED CT
 * for routes, LOINC and UCUM for labs, the suite's indication code system for reasons.
 */
public final class FhirFixtures {
    public static final String INDICATION_SYSTEM = "https://ilsafety.org/fhir/CodeSystem/indication";

    private FhirFixtures() {
    }

    /** A MedicationRequest for a product by name (Actemra, Kineret, ...), with route IV or SC. */
    public static String medicationRequest(String patientId, String id, int version, String productName, String route,
            String indication, String status, String authoredOn) {
        String routeCode = "IV".equals(route) ? "47625008" : "34206005";
        String routeName = "IV".equals(route) ? "Intravenous" : "Subcutaneous";
        return """
                {"resourceType":"MedicationRequest","id":"%s","meta":{"versionId":"%d"},"status":"%s","intent":"order",
                 "medicationCodeableConcept":{"text":"%s"},
                 "subject":{"reference":"Patient/%s"},"authoredOn":"%s",
                 "reasonCode":[{"coding":[{"system":"%s","code":"%s"}]}],
                 "dosageInstruction":[{"route":{"coding":[{"system":"http://snomed.info/sct","code":"%s","display":"%s"}]}}]}
                """.formatted(id, version, status, productName, patientId, authoredOn, INDICATION_SYSTEM, indication, routeCode, routeName);
    }

    /** A final lab Observation with a LOINC code, a UCUM value and optionally a reference range high. */
    public static String labObservation(String patientId, String id, int version, String loinc, double value, String unit,
            Double referenceHigh, String effective) {
        String range = referenceHigh == null ? ""
                : ",\"referenceRange\":[{\"high\":{\"value\":%s,\"unit\":\"%s\",\"system\":\"http://unitsofmeasure.org\",\"code\":\"%s\"}}]"
                        .formatted(referenceHigh, unit, unit);
        return """
                {"resourceType":"Observation","id":"%s","meta":{"versionId":"%d"},"status":"final",
                 "category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"laboratory"}]}],
                 "code":{"coding":[{"system":"http://loinc.org","code":"%s"}]},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s",
                 "valueQuantity":{"value":%s,"unit":"%s","system":"http://unitsofmeasure.org","code":"%s"}%s}
                """.formatted(id, version, loinc, patientId, effective, value, unit, unit, range);
    }

    /** An active MedicationStatement of another medicine, coded in RxNorm. */
    public static String medicationStatement(String patientId, String id, String name, String rxnorm, String effective) {
        return """
                {"resourceType":"MedicationStatement","id":"%s","meta":{"versionId":"1"},"status":"active",
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"%s","display":"%s"}],"text":"%s"},
                 "subject":{"reference":"Patient/%s"},"effectiveDateTime":"%s"}
                """.formatted(id, rxnorm, name, name, patientId, effective);
    }

    /** A MedicationAdministration of a product, completed at {@code effective}. */
    public static String medicationAdministration(String patientId, String id, String productName, double doseMg, String effective) {
        return """
                {"resourceType":"MedicationAdministration","id":"%s","meta":{"versionId":"1"},"status":"completed",
                 "medicationCodeableConcept":{"text":"%s"},"subject":{"reference":"Patient/%s"},
                 "effectiveDateTime":"%s","dosage":{"dose":{"value":%s,"unit":"mg","system":"http://unitsofmeasure.org","code":"mg"}}}
                """.formatted(id, productName, patientId, effective, doseMg);
    }

    /**
     * An AllergyIntolerance (or, with {@code allergy} false, a Condition): a code of {@code system} (null for text only)
     * and a text; {@code verification} (confirmed, entered-in-error, refuted) and {@code clinical} (active, inactive, resolved).
     */
    public static String patientContext(boolean allergy, String patientId, String id, int version, String system, String code, String text,
            String clinical, String verification) {
        String coding = system == null ? "" : "\"coding\":[{\"system\":\"%s\",\"code\":\"%s\"}],".formatted(system, code);
        String type = allergy ? "AllergyIntolerance" : "Condition";
        String statuses = allergy ? "allergyintolerance" : "condition";
        String verificationSystem = allergy ? "allergyintolerance-verification" : "condition-ver-status";
        return """
                {"resourceType":"%s","id":"%s","meta":{"versionId":"%d"},
                 "clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/%s-clinical","code":"%s"}]},
                 "verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/%s","code":"%s"}]},
                 "code":{%s"text":"%s"},"%s":{"reference":"Patient/%s"}}
                """.formatted(type, id, version, statuses, clinical, verificationSystem, verification, coding, text, allergy ? "patient" : "subject", patientId);
    }

    /**
     * A Patient of a merge as HL7 v2 ADT^A40 gives it (FHIR R4 Patient.link): the merged-away record ({@code replaced-by}
     * the survivor, inactive) or the surviving one ({@code replaces} the merged-away record).
     */
    public static String mergedPatient(String patientId, String version, String linkType, String otherId) {
        return """
                {"resourceType":"Patient","id":"%s","meta":{"versionId":"%s"},"active":%s,
                 "link":[{"other":{"reference":"Patient/%s"},"type":"%s"}]}
                """.formatted(patientId, version, !"replaced-by".equals(linkType), otherId, linkType);
    }
}
