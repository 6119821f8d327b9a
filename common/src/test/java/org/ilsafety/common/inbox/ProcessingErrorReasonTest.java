package org.ilsafety.common.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A dead letter's PROCESSING_ERROR reason says where the suite's code failed, and never the exception's message (it may quote data). */
class ProcessingErrorReasonTest {

    @Test
    void theReasonNamesTheSuitesFrameOfTheRootCauseButNotItsMessage() {
        RuntimeException failure = new IllegalStateException("wrapped", failingLookup());
        String at = ProcessingFailure.thrownAt(failure);
        assertTrue(at.startsWith(" (cause NullPointerException) at ProcessingErrorReasonTest.failingLookup:"), at);
        assertTrue(!at.contains("patient-123"), at);
    }

    @Test
    void aFailureInsideALibraryNamesTheLibrarysFrameAndTheSuitesCaller() {
        RuntimeException inLibrary = new NullPointerException();
        inLibrary.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("org.hibernate.loader.Loader", "load", "Loader.java", 42),
            new StackTraceElement("org.ilsafety.dosing.plan.TherapyPlanService", "lock", "TherapyPlanService.java", 68)});
        assertEquals(" at Loader.load:42 via TherapyPlanService.lock:68", ProcessingFailure.thrownAt(inLibrary));
    }

    @Test
    void aFailureWithoutTheSuitesFramesSaysOnlyItsType() {
        RuntimeException foreign = new IllegalArgumentException("patient-123");
        foreign.setStackTrace(new StackTraceElement[] {new StackTraceElement("java.util.Objects", "requireNonNull", "Objects.java", 10)});
        assertEquals("", ProcessingFailure.thrownAt(foreign));
    }

    private static RuntimeException failingLookup() {
        try {
            String missing = null;
            return new RuntimeException("patient-123 " + missing.length());
        } catch (NullPointerException e) {
            return e;
        }
    }
}
