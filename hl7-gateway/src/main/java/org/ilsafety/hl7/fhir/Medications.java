package org.ilsafety.hl7.fhir;

import java.util.Map;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/** Medicine codes (RxNorm or NDC), routes (RXR-1, HL7 table 0162 or SNOMED CT) and reasons (ICD-10, SNOMED CT). */
final class Medications {
    /** HL7 table 0162 routes and the SNOMED CT codes the suite reads. */
    private static final Map<String, Coding> ROUTES = Map.of(
            "IV", new Coding(CodeSystems.SNOMED, "47625008", "Intravenous"),
            "SC", new Coding(CodeSystems.SNOMED, "34206005", "Subcutaneous"),
            "SQ", new Coding(CodeSystems.SNOMED, "34206005", "Subcutaneous"),
            "IM", new Coding(CodeSystems.SNOMED, "78421000", "Intramuscular"),
            "PO", new Coding(CodeSystems.SNOMED, "26643006", "Oral"),
            "ID", new Coding(CodeSystems.SNOMED, "372464004", "Intradermal"),
            "NS", new Coding(CodeSystems.SNOMED, "46713006", "Nasal"));

    private Medications() {
    }

    static CodeableConcept medicine(V2Segment segment, int field) {
        return CodeSystems.concept(segment, field, 0, "medicine", CodeSystems.RXNORM, CodeSystems.NDC);
    }

    /** RXR-1: a table 0162 code (kept) with its SNOMED CT route, or a SNOMED CT code as sent. */
    static CodeableConcept route(V2Segment rxr) {
        V2Segment.CodedValue value = rxr.coded(1);
        if (value.code() == null) {
            throw rxr.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, 1, "(route) is missing");
        }
        CodeableConcept route = new CodeableConcept();
        String system = value.system() == null ? "HL70162" : value.system();
        if (CodeSystems.uri(system).filter(CodeSystems.SNOMED::equals).isPresent()) {
            route.addCoding(new Coding(CodeSystems.SNOMED, value.code(), value.text()));
        } else if (CodeSystems.uri(system).filter(CodeSystems.V2_ROUTE::equals).isPresent() && ROUTES.containsKey(value.code())) {
            route.addCoding(ROUTES.get(value.code()).copy());
            route.addCoding(new Coding(CodeSystems.V2_ROUTE, value.code(), value.text()));
        } else {
            throw rxr.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, 1, "(route) is not a route of HL7 table 0162 the gateway maps, nor SNOMED CT");
        }
        if (value.text() != null) {
            route.setText(value.text());
        }
        return route;
    }

    /** A reason code (DG1-3, RXO-20, RXE-27) in ICD-10(-CM) or SNOMED CT. */
    static CodeableConcept reason(V2Segment segment, int field, int repetition) {
        return CodeSystems.concept(segment, field, repetition, "reason", CodeSystems.ICD10_CM, CodeSystems.ICD10, CodeSystems.SNOMED);
    }
}
