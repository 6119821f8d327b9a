package org.ilsafety.hl7.fhir;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.HexFormat;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.hl7.v2.MessageHeader;
import org.ilsafety.hl7.v2.MessageRejected;
import org.ilsafety.hl7.v2.V2Message;
import org.ilsafety.hl7.v2.V2Segment;

import ca.uhn.hl7v2.ErrorCode;

/**
 * What every mapper needs about the message: the patient key rule, the time zone, and the stable resource
 * ids. A resource's id is derived from sender + MSH-10 + the segment's position, so a resent message yields the
 * same ids (and versionId 1): the services' idempotency (resource id + meta.versionId) drops a second copy.
 */
public record MappingContext(V2Message message, ZoneId zone, String assigningAuthority, String patientIdSystem) {
    private static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public MessageHeader header() {
        return message.header();
    }

    /** A stable FHIR id for the resource made from this segment. */
    public String idFor(V2Segment segment) {
        return idOf(header().controlId() + "|" + segment.index());
    }

    /**
     * The id of a result that later messages may correct: sender, the order's filler (else placer) order number (OBR-3,
     * else OBR-2) and the observation's identifier and sub-id (OBX-3, OBX-4), which HL7 v2 (chapter 7) keeps the same in
     * a corrected (OBX-11 C) or final-after-preliminary result; so the correction is a new version of the same
     * Observation, as on the FHIR path. Empty when the order has no number: the result gets its message's segment id.
     */
    public java.util.Optional<String> resultIdFor(V2Segment obr, V2Segment obx) {
        if (obr == null) {
            return java.util.Optional.empty();
        }
        int field = obr.get(3, 1) != null ? 3 : 2;
        String number = obr.get(field, 1);
        if (number == null) {
            return java.util.Optional.empty();
        }
        String namespace = obr.get(field, 2);
        String code = obx.get(3, 1);
        String system = obx.get(3, 3);
        String subId = obx.get(4, 1);
        return java.util.Optional.of(idOf("result|OBR-" + field + "|" + number + "^" + (namespace == null ? "" : namespace) + "|" + code + "^"
                + (system == null ? "" : system) + "|" + (subId == null ? "" : subId)));
    }

    private String idOf(String withinSender) {
        MessageHeader header = header();
        String source = header.sender().application() + "|" + header.sender().facility() + "|" + withinSender;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(source.getBytes(StandardCharsets.UTF_8));
            return "v2-" + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** meta.versionId 1 on a resource made from one message's segment. */
    public <T extends Resource> T withId(T resource, V2Segment segment) {
        resource.setId(idFor(segment));
        resource.getMeta().setVersionId("1");
        return resource;
    }

    /**
     * The patient id: the identifier of the configured assigning authority among the repetitions of a CX field
     * (PID-3, MRG-1). AE naming the field when it is missing or not usable as an id.
     */
    public String patientKey(V2Segment segment, int field) {
        int repetitions = segment.repetitions(field);
        for (int i = 0; i < repetitions; i++) {
            String id = segment.get(field, i, 1, 1);
            String authority = segment.get(field, i, 4, 1);
            if (id != null && assigningAuthority.equals(authority)) {
                if (!FHIR_ID.matcher(id).matches()) {
                    throw segment.rejectField(ErrorCode.DATA_TYPE_ERROR, field,
                            "identifier of " + assigningAuthority + " is not usable as a patient id (letters, digits, '-', '.')");
                }
                return id;
            }
        }
        throw segment.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, field, "has no identifier assigned by " + assigningAuthority);
    }

    /** The patient id from the PID segment before {@code position} (the message's patient for that part). */
    public String patientBefore(int position) {
        V2Segment pid = null;
        for (V2Segment segment : message.segments()) {
            if (segment.index() >= position) {
                break;
            }
            if (segment.name().equals("PID")) {
                pid = segment;
            }
        }
        if (pid == null) {
            throw MessageRejected.error(ErrorCode.SEGMENT_SEQUENCE_ERROR, "PID", 0, "PID segment is missing");
        }
        return patientKey(pid, 3);
    }

    public static Reference patientReference(String patientId) {
        return new Reference("Patient/" + patientId);
    }

    /** MSH-7, required on every message the gateway maps. */
    public DateTimeType sentAt() {
        V2Segment msh = message.segments().get(0);
        DateTimeType sent = V2Time.read(msh, 7, zone);
        if (sent == null) {
            throw msh.rejectField(ErrorCode.REQUIRED_FIELD_MISSING, 7, "(date/time of message) is missing");
        }
        return sent;
    }

    /**
     * The versionId of a resource that many messages update (a Patient, a corrected result): MSH-7 plus the control id's
     * hash, so each message is a new version and a resend the same one.
     */
    public String messageVersion() {
        String hash = idFor(message.segments().get(0)).substring(3, 11);
        return V2Time.versionOf(sentAt()) + "." + hash;
    }
}
