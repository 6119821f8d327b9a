package org.ilsafety.hl7.v2;

/** A sending system as MSH-3 (application) and MSH-4 (facility) name it, by namespace id. */
public record Sender(String application, String facility) {
    public Sender {
        application = application == null ? "" : application;
        facility = facility == null ? "" : facility;
    }

    /** Parses {@code APPLICATION|FACILITY} as configured in {@code hl7.senders}. */
    public static Sender parse(String configured) {
        int bar = configured.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("hl7.senders entries are APPLICATION|FACILITY");
        }
        return new Sender(configured.substring(0, bar).trim(), configured.substring(bar + 1).trim());
    }

    @Override
    public String toString() {
        return application + "|" + facility;
    }
}
