package org.ilsafety.hl7.fhir;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.Quantity;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/** Numbers and units from v2 fields: NM values (with a leading comparator), CE units in UCUM. */
public final class Quantities {
    private static final Pattern NUMBER_WITH_COMPARATOR = Pattern.compile("(<=|>=|<|>)?\\s*([+-]?\\d+(?:\\.\\d+)?|[+-]?\\.\\d+)");

    private Quantities() {
    }

    /** A number, possibly preceded by a comparator ({@code <0.1}); AE (data type error) when it is not numeric. */
    public static Quantity number(V2Segment segment, int field, String text, String what) {
        Matcher m = NUMBER_WITH_COMPARATOR.matcher(text.trim());
        if (!m.matches()) {
            throw segment.rejectField(ErrorCode.DATA_TYPE_ERROR, field, "(" + what + ") is not numeric");
        }
        Quantity quantity = new Quantity();
        quantity.setValue(new BigDecimal(m.group(2)));
        if (m.group(1) != null) {
            quantity.setComparator(Quantity.QuantityComparator.fromCode(m.group(1)));
        }
        return quantity;
    }

    /**
     * Sets unit, system and code from a CE units field: UCUM (or no coding system) gives the UCUM code; another
     * system keeps only the unit's text, for the suite's readers to judge.
     */
    public static Quantity withUnits(Quantity quantity, V2Segment segment, int field) {
        V2Segment.CodedValue units = segment.coded(field);
        if (units.code() == null) {
            return quantity;
        }
        String system = units.system();
        if (system == null || "UCUM".equalsIgnoreCase(system)) {
            quantity.setUnit(units.code()).setSystem(CodeSystems.UCUM).setCode(units.code());
        } else if ("UCUM".equalsIgnoreCase(units.alternateSystem()) && units.alternateCode() != null) {
            quantity.setUnit(units.code()).setSystem(CodeSystems.UCUM).setCode(units.alternateCode());
        } else {
            quantity.setUnit(units.text() != null ? units.text() : units.code());
        }
        return quantity;
    }
}
