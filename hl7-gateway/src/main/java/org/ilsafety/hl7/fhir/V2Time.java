package org.ilsafety.hl7.fhir;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.DateTimeType;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * HL7 v2 timestamps (TS/DTM: YYYY[MM[DD[HH[MM[SS[.S+]]]]]][+/-ZZZZ]) as FHIR dateTime, at the precision sent.
 * A time without an offset is in the configured zone (engines send local time).
 */
public final class V2Time {
    private static final Pattern TS = Pattern.compile(
            "(\\d{4})(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(\\d{2})?(?:\\.(\\d{1,4}))?([+-]\\d{4})?");

    private V2Time() {
    }

    /** The field's timestamp, null when the field is empty; AE (data type error) when it is not a timestamp. */
    public static DateTimeType read(V2Segment segment, int field, ZoneId zone) {
        String value = segment.get(field, 1);
        if (value == null) {
            return null;
        }
        Matcher m = TS.matcher(value);
        if (!m.matches()) {
            throw segment.rejectField(ErrorCode.DATA_TYPE_ERROR, field, "is not an HL7 timestamp");
        }
        try {
            int year = Integer.parseInt(m.group(1));
            if (m.group(3) == null) {
                DateTimeType date = new DateTimeType();
                date.setValueAsString(m.group(2) == null ? m.group(1) : m.group(1) + "-" + m.group(2));
                return date;
            }
            LocalDate day = LocalDate.of(year, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
            if (m.group(4) == null) {
                DateTimeType date = new DateTimeType();
                date.setValueAsString(day.toString());
                return date;
            }
            int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
            int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
            LocalDateTime local = day.atTime(Integer.parseInt(m.group(4)), minute, second);
            ZoneOffset offset = m.group(8) != null
                    ? ZoneOffset.of(m.group(8).substring(0, 3) + ":" + m.group(8).substring(3))
                    : zone.getRules().getOffset(local);
            OffsetDateTime instant = local.atOffset(offset);
            DateTimeType dateTime = new DateTimeType(Date.from(instant.toInstant()), TemporalPrecisionEnum.SECOND,
                    java.util.TimeZone.getTimeZone(offset));
            return dateTime;
        } catch (RuntimeException e) {
            throw segment.rejectField(ErrorCode.DATA_TYPE_ERROR, field, "is not a valid date or time");
        }
    }

    /** For record versions: the instant as yyyyMMddHHmmss in UTC. */
    public static String versionOf(DateTimeType time) {
        return time == null ? "1" : DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(time.getValue().toInstant());
    }
}
