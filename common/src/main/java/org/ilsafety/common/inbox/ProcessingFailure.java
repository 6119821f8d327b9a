package org.ilsafety.common.inbox;

/**
 * The dead-letter reason of a record whose handler threw: the exception's type and where it was thrown, never
 * its message (which may quote the payload).
 */
final class ProcessingFailure {
    private ProcessingFailure() {
    }

    static EventRejected asRejection(RuntimeException failure) {
        // The exception's message may quote the payload, so only its type and where it was thrown (code, not data) are reported.
        return new EventRejected("PROCESSING_ERROR", "Processing failed with " + failure.getClass().getSimpleName() + thrownAt(failure));
    }

    /**
     * Where the root cause was thrown: " at Class.method:line" of its first frame and, when that is not the suite's own code,
     * " via Class.method:line" of the suite's innermost frame, so operations can find the defect (code positions, never data).
     */
    static String thrownAt(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        StringBuilder at = new StringBuilder(root != failure ? " (cause " + root.getClass().getSimpleName() + ")" : "");
        StackTraceElement[] frames = root.getStackTrace();
        for (int i = 0; i < frames.length; i++) {
            if (frames[i].getClassName().startsWith("org.ilsafety.")) {
                if (i > 0) {
                    at.append(" at ").append(position(frames[0])).append(" via");
                } else {
                    at.append(" at");
                }
                return at.append(' ').append(position(frames[i])).toString();
            }
        }
        return at.toString();
    }

    private static String position(StackTraceElement frame) {
        return frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1) + "." + frame.getMethodName() + ":" + frame.getLineNumber();
    }
}
