package org.ilsafety.hl7;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * The example messages of src/test/resources/messages (written from the HL7 v2.5.1 chapters, with Z-segments and
 * repetitions), with the patient's MRN and the control id made unique per test so tests do not share state.
 */
public final class V2Fixtures {
    public static final String FIXTURE_MRN = "HL7P-100";
    public static final String FIXTURE_PRIOR_MRN = "HL7P-101";

    private V2Fixtures() {
    }

    public static String raw(String name) {
        try (InputStream in = V2Fixtures.class.getResourceAsStream("/messages/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No message " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().replace("\r\n", "\r").replace('\n', '\r');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The message for patient {@code mrn} with control id {@code controlId}. */
    public static String message(String name, String mrn, String controlId) {
        String text = raw(name).replace(FIXTURE_MRN + "^", mrn + "^");
        String[] fields = text.split("\\|", 11);
        fields[9] = controlId;
        return String.join("|", fields);
    }

    public static String uniqueMrn() {
        return "T" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String uniqueControlId() {
        return "C" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
