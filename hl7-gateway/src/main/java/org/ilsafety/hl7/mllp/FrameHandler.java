package org.ilsafety.hl7.mllp;

import java.util.Optional;

/** Answers one MLLP frame with the acknowledgement to send back (empty when nobody is left to answer). */
public interface FrameHandler {
    Optional<String> answer(MllpFrame frame, String peer);
}
