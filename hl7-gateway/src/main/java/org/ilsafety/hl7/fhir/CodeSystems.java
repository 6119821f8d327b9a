package org.ilsafety.hl7.fhir;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * HL7 v2 coding system names (table 0396 and the spellings engines use) and the FHIR system URIs the suite
 * reads. A coded field in any other system is refused with AE naming the field: the suite would not
 * recognise it, and a guessed meaning is worse than a visible error.
 */
public final class CodeSystems {
    public static final String LOINC = "http://loinc.org";
    public static final String UCUM = "http://unitsofmeasure.org";
    public static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    public static final String NDC = "http://hl7.org/fhir/sid/ndc";
    public static final String CVX = "http://hl7.org/fhir/sid/cvx";
    public static final String SNOMED = "http://snomed.info/sct";
    public static final String ICD10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
    public static final String ICD10 = "http://hl7.org/fhir/sid/icd-10";
    public static final String V2_ROUTE = "http://terminology.hl7.org/CodeSystem/v2-0162";

    private static final Map<String, String> SYSTEMS = Map.ofEntries(
            Map.entry("LN", LOINC),
            Map.entry("LOINC", LOINC),
            Map.entry("RXNORM", RXNORM),
            Map.entry("RXN", RXNORM),
            Map.entry("NDC", NDC),
            Map.entry("CVX", CVX),
            Map.entry("SCT", SNOMED),
            Map.entry("SNM", SNOMED),
            Map.entry("SNOMEDCT", SNOMED),
            Map.entry("SNOMED-CT", SNOMED),
            Map.entry("I10", ICD10),
            Map.entry("I10C", ICD10_CM),
            Map.entry("ICD10CM", ICD10_CM),
            Map.entry("ICD-10-CM", ICD10_CM),
            Map.entry("UCUM", UCUM),
            Map.entry("HL70162", V2_ROUTE));

    private CodeSystems() {
    }

    public static Optional<String> uri(String v2System) {
        return v2System == null ? Optional.empty() : Optional.ofNullable(SYSTEMS.get(v2System.trim().toUpperCase(Locale.ROOT)));
    }

    /**
     * A CodeableConcept from a coded field whose primary or alternate code must be in one of {@code accepted}
     * (FHIR URIs); the other triplet is kept when its system is known too. AE (table value not found) when no
     * triplet is in an accepted system; AE (required field missing) when the field is empty.
     */
    public static CodeableConcept concept(V2Segment segment, int field, int repetition, String what, String... accepted) {
        V2Segment.CodedValue value = segment.coded(field, repetition);
        if (value.isEmpty()) {
            throw segment.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, field, "(" + what + ") is missing");
        }
        CodeableConcept concept = new CodeableConcept();
        boolean acceptedFound = add(concept, value.code(), value.text(), value.system(), accepted)
                | add(concept, value.alternateCode(), value.alternateText(), value.alternateSystem(), accepted);
        if (!acceptedFound) {
            throw segment.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, field,
                    "(" + what + ") is not coded in " + names(accepted) + "; coding system "
                            + (value.system() == null ? "missing" : value.system()) + " is not one the suite reads");
        }
        String text = value.text() != null ? value.text() : value.alternateText();
        if (text != null) {
            concept.setText(text);
        }
        return concept;
    }

    private static boolean add(CodeableConcept concept, String code, String display, String v2System, String... accepted) {
        if (code == null) {
            return false;
        }
        Optional<String> uri = uri(v2System);
        if (uri.isEmpty()) {
            return false;
        }
        concept.addCoding(new Coding(uri.get(), code, display));
        for (String system : accepted) {
            if (system.equals(uri.get())) {
                return true;
            }
        }
        return false;
    }

    private static String names(String... accepted) {
        StringBuilder names = new StringBuilder();
        for (String system : accepted) {
            String name = SYSTEMS.entrySet().stream().filter(e -> e.getValue().equals(system)).map(Map.Entry::getKey)
                    .filter(n -> n.length() <= 6).sorted().findFirst().orElse(system);
            names.append(names.length() == 0 ? "" : " or ").append(name);
        }
        return names.toString();
    }
}
