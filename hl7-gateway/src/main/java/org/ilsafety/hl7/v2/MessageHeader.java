package org.ilsafety.hl7.v2;

/** The MSH facts the gateway decides on before parsing the rest: sender, control id, type, version. */
public record MessageHeader(Sender sender, String controlId, String messageCode, String triggerEvent, String version,
        String processingId, String sentAt) {

    /** {@code ORU^R01}. */
    public String type() {
        return (messageCode == null ? "?" : messageCode) + "^" + (triggerEvent == null ? "?" : triggerEvent);
    }
}
