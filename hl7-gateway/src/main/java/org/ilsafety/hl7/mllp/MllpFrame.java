package org.ilsafety.hl7.mllp;

/**
 * What one MLLP frame brought: a complete message, or a frame that ended wrong (truncated by a new start
 * block or the frame timeout, larger than allowed, cut by the connection's close).
 */
public record MllpFrame(String text, Ending ending) {
    public enum Ending {
        /** Start block, message, end block and carriage return. */
        COMPLETE,
        /** A new start block came before the end block, or the end block did not come in time. */
        TRUNCATED,
        /** More bytes than the configured maximum; the rest up to the end block was discarded. */
        OVERSIZE,
        /** The sender closed the connection inside a frame: nobody is left to answer. */
        CLOSED_INSIDE_FRAME
    }

    public boolean complete() {
        return ending == Ending.COMPLETE;
    }
}
