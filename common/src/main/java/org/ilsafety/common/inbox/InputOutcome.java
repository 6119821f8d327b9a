package org.ilsafety.common.inbox;

/**
 * What a handler says about the input it is applying when it changes nothing: {@link #ignore} with a reason
 * code (see {@link IgnoredReasons}). The input is then reported IGNORED (metrics, audit row, the patient's
 * inputs); otherwise APPLIED. Only valid inside {@link InboundHandler#apply}.
 */
public final class InputOutcome {
    private static final ThreadLocal<String> IGNORED = new ThreadLocal<>();

    private InputOutcome() {
    }

    /** The input being applied changes nothing, for this reason (a code, never patient data). */
    public static void ignore(String reasonCode) {
        IGNORED.set(reasonCode);
    }

    static void begin() {
        IGNORED.remove();
    }

    /** The reason given while applying, or null; clears it. */
    static String end() {
        String reason = IGNORED.get();
        IGNORED.remove();
        return reason;
    }
}
