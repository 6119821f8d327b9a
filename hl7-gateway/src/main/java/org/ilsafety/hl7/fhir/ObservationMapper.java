package org.ilsafety.hl7.fhir;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Range;
import org.hl7.fhir.r4.model.Ratio;
import org.hl7.fhir.r4.model.StringType;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * OBX to Observation: LOINC code (OBX-3), value by type (OBX-2/5: NM and SN as valueQuantity, {@code <}/{@code >}
 * as the comparator; ST/TX/FT as text; CE/CWE as a code), UCUM units (OBX-6), reference range (OBX-7),
 * abnormal flags (OBX-8, repeating), result status (OBX-11), effective time (OBX-14, else the order's OBR-7).
 */
public final class ObservationMapper {
    static final String CATEGORY_SYSTEM = "http://terminology.hl7.org/CodeSystem/observation-category";
    static final String INTERPRETATION_SYSTEM = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
    private static final Pattern RANGE = Pattern.compile("\\s*([+-]?\\d*\\.?\\d+)\\s*-\\s*([+-]?\\d*\\.?\\d+)\\s*");
    private static final Pattern BOUND = Pattern.compile("\\s*(<=|>=|<|>)\\s*([+-]?\\d*\\.?\\d+)\\s*");

    /** OBX-11 (HL7 table 0085) to Observation.status. */
    private static final Map<String, Observation.ObservationStatus> STATUS = Map.of(
            "F", Observation.ObservationStatus.FINAL,
            "C", Observation.ObservationStatus.CORRECTED,
            "A", Observation.ObservationStatus.AMENDED,
            "P", Observation.ObservationStatus.PRELIMINARY,
            "R", Observation.ObservationStatus.PRELIMINARY,
            "I", Observation.ObservationStatus.REGISTERED,
            "S", Observation.ObservationStatus.PRELIMINARY,
            "X", Observation.ObservationStatus.CANCELLED,
            "D", Observation.ObservationStatus.ENTEREDINERROR,
            "W", Observation.ObservationStatus.ENTEREDINERROR);

    /** OBX-8 (HL7 table 0078) flags that are also v3 ObservationInterpretation codes. */
    private static final Map<String, String> FLAGS = Map.ofEntries(
            Map.entry("L", "Low"), Map.entry("H", "High"), Map.entry("LL", "Critical low"), Map.entry("HH", "Critical high"),
            Map.entry("N", "Normal"), Map.entry("A", "Abnormal"), Map.entry("AA", "Critical abnormal"),
            Map.entry("<", "Off scale low"), Map.entry(">", "Off scale high"), Map.entry("U", "Significant change up"),
            Map.entry("D", "Significant change down"), Map.entry("B", "Better"), Map.entry("W", "Worse"),
            Map.entry("S", "Susceptible"), Map.entry("R", "Resistant"), Map.entry("I", "Intermediate"));

    private ObservationMapper() {
    }

    /** An OBX outside an order (ADT weights): its id is its message's segment id. */
    public static Observation map(MappingContext context, V2Segment obx, DateTimeType orderTime, String patientId, String category) {
        return map(context, null, obx, orderTime, patientId, category);
    }

    /**
     * An OBX of an order (OBR): with the order's number, the Observation's id is the result's own
     * ({@link MappingContext#resultIdFor}) and its versionId the message's, so a correction supersedes the result.
     */
    public static Observation map(MappingContext context, V2Segment obr, V2Segment obx, DateTimeType orderTime, String patientId,
            String category) {
        Observation observation = context.withId(new Observation(), obx);
        context.resultIdFor(obr, obx).ifPresent(id -> {
            observation.setId(id);
            observation.getMeta().setVersionId(context.messageVersion());
        });
        observation.setStatus(status(obx));
        observation.addCategory().addCoding(new Coding(CATEGORY_SYSTEM, category, null));
        observation.setCode(CodeSystems.concept(obx, 3, 0, "observation identifier", CodeSystems.LOINC));
        observation.setSubject(MappingContext.patientReference(patientId));
        DateTimeType effective = V2Time.read(obx, 14, context.zone());
        if (effective == null) {
            effective = orderTime;
        }
        if (effective == null) {
            throw obx.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, 14, "(date/time of the observation) is missing, and so is OBR-7");
        }
        observation.setEffective(effective);
        value(obx, observation);
        referenceRange(obx, observation);
        interpretations(obx, observation);
        return observation;
    }

    private static Observation.ObservationStatus status(V2Segment obx) {
        String code = obx.require(11, 1, "observation result status");
        Observation.ObservationStatus status = STATUS.get(code);
        if (status == null) {
            throw obx.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, 11, "is not a result status of HL7 table 0085");
        }
        return status;
    }

    private static void value(V2Segment obx, Observation observation) {
        String type = obx.require(2, 1, "value type");
        if (obx.get(5, 1) == null && obx.get(5, 2) == null) {
            if (observation.getStatus() == Observation.ObservationStatus.CANCELLED
                    || observation.getStatus() == Observation.ObservationStatus.ENTEREDINERROR) {
                return;
            }
            throw obx.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, 5, "(observation value) is missing");
        }
        switch (type) {
            case "NM" -> observation.setValue(Quantities.withUnits(Quantities.number(obx, 5, obx.get(5, 1), "NM value"), obx, 6));
            case "SN" -> structuredNumeric(obx, observation);
            case "ST", "TX", "FT" -> observation.setValue(new StringType(obx.get(5, 1)));
            case "CE", "CWE" -> observation.setValue(codedValue(obx));
            default -> throw obx.rejectField(ErrorCode.DATA_TYPE_ERROR, 2, "value type " + type + " is not one the gateway maps (NM, SN, ST, TX, FT, CE, CWE)");
        }
    }

    /** SN: comparator^number1^separator^number2; {@code <^0.1} is a bound, {@code ^1^:^128} a ratio, {@code ^2^-^5} a range. */
    private static void structuredNumeric(V2Segment obx, Observation observation) {
        String comparator = obx.get(5, 1);
        String first = obx.get(5, 2);
        String separator = obx.get(5, 3);
        String second = obx.get(5, 4);
        if (first == null) {
            throw obx.rejectField(ErrorCode.DATA_TYPE_ERROR, 5, "(SN value) has no number");
        }
        if (separator == null) {
            Quantity quantity = Quantities.number(obx, 5, (comparator == null || "=".equals(comparator) ? "" : comparator) + first, "SN value");
            observation.setValue(Quantities.withUnits(quantity, obx, 6));
            return;
        }
        if (second == null) {
            throw obx.rejectField(ErrorCode.DATA_TYPE_ERROR, 5, "(SN value) has a separator but no second number");
        }
        Quantity low = Quantities.withUnits(Quantities.number(obx, 5, first, "SN value"), obx, 6);
        Quantity high = Quantities.withUnits(Quantities.number(obx, 5, second, "SN value"), obx, 6);
        switch (separator) {
            case "-" -> observation.setValue(new Range().setLow(low).setHigh(high));
            case ":", "/" -> observation.setValue(new Ratio().setNumerator(low).setDenominator(high));
            default -> throw obx.rejectField(ErrorCode.DATA_TYPE_ERROR, 5, "(SN value) has an unknown separator");
        }
    }

    private static CodeableConcept codedValue(V2Segment obx) {
        V2Segment.CodedValue coded = obx.coded(5);
        CodeableConcept concept = new CodeableConcept();
        CodeSystems.uri(coded.system()).ifPresent(system -> concept.addCoding(new Coding(system, coded.code(), coded.text())));
        concept.setText(coded.text() != null ? coded.text() : coded.code());
        return concept;
    }

    private static void referenceRange(V2Segment obx, Observation observation) {
        String range = obx.get(7, 1);
        if (range == null) {
            return;
        }
        Observation.ObservationReferenceRangeComponent component = observation.addReferenceRange();
        Matcher between = RANGE.matcher(range);
        Matcher bound = BOUND.matcher(range);
        if (between.matches()) {
            component.setLow(unitsLike(observation, between.group(1)));
            component.setHigh(unitsLike(observation, between.group(2)));
        } else if (bound.matches() && bound.group(1).startsWith("<")) {
            component.setHigh(unitsLike(observation, bound.group(2)));
        } else if (bound.matches()) {
            component.setLow(unitsLike(observation, bound.group(2)));
        } else {
            component.setText(range);
        }
    }

    private static org.hl7.fhir.r4.model.SimpleQuantity unitsLike(Observation observation, String value) {
        org.hl7.fhir.r4.model.SimpleQuantity quantity = new org.hl7.fhir.r4.model.SimpleQuantity();
        quantity.setValue(new BigDecimal(value));
        if (observation.getValue() instanceof Quantity measured && measured.hasUnit()) {
            quantity.setUnit(measured.getUnit()).setSystem(measured.getSystem()).setCode(measured.getCode());
        }
        return quantity;
    }

    private static void interpretations(V2Segment obx, Observation observation) {
        for (int i = 0; i < obx.repetitions(8); i++) {
            String flag = obx.get(8, i, 1, 1);
            if (flag == null) {
                continue;
            }
            String display = FLAGS.get(flag);
            if (display == null) {
                throw obx.rejectField(ErrorCode.TABLE_VALUE_NOT_FOUND, 8, "is not an abnormal flag of HL7 table 0078");
            }
            observation.addInterpretation().addCoding(new Coding(INTERPRETATION_SYSTEM, flag, display));
        }
    }
}
