package org.ilsafety.stack.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Synthea-generated test corpus ({@code synthea/} on the classpath: the module, the Bundles, the command that
 * regenerates them), and what the module made happen to each patient, read from the Bundle itself.
 */
public final class SyntheaCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** RxNorm codes the module orders: tocilizumab SCD, Kineret SBD, etanercept ingredient. */
    private static final String TOCILIZUMAB = "849574";
    private static final String KINERET = "727714";
    private static final String ETANERCEPT = "214555";

    private SyntheaCorpus() {
    }

    /**
     * One generated patient: the Bundle JSON and its entry count; the product ordered (ACTEMRA, KINERET), the
     * indication of the SNOMED CT Condition (RA, SJIA), whether etanercept was ordered too, the last ANC in /mm3.
     */
    public record Patient(String patientId, String json, int entries, String product, String indication, boolean etanercept,
            double lastAncPerMm3) {
    }

    public static List<Patient> patients() {
        List<Patient> patients = new ArrayList<>();
        for (String name : read("synthea/corpus/index.txt").split("\\s+")) {
            if (!name.isBlank()) {
                patients.add(patient(read("synthea/corpus/" + name)));
            }
        }
        return patients;
    }

    private static Patient patient(String json) {
        try {
            JsonNode entries = JSON.readTree(json).path("entry");
            String id = null;
            String product = null;
            String indication = null;
            boolean etanercept = false;
            double anc = Double.NaN;
            for (JsonNode entry : entries) {
                JsonNode resource = entry.path("resource");
                String code = resource.path("code").path("coding").path(0).path("code").asText();
                switch (resource.path("resourceType").asText()) {
                    case "Patient" -> id = resource.path("id").asText();
                    case "Condition" -> indication = "69896004".equals(code) ? "RA" : "201796004".equals(code) ? "SJIA" : indication;
                    case "MedicationRequest" -> {
                        String medication = resource.path("medicationCodeableConcept").path("coding").path(0).path("code").asText();
                        product = TOCILIZUMAB.equals(medication) ? "ACTEMRA" : KINERET.equals(medication) ? "KINERET" : product;
                        etanercept |= ETANERCEPT.equals(medication);
                    }
                    case "Observation" -> {
                        if ("751-8".equals(code)) {
                            anc = resource.path("valueQuantity").path("value").asDouble() * 1000; // reported in 10*3/uL
                        }
                    }
                    default -> {
                    }
                }
            }
            return new Patient(id, json, entries.size(), product, indication, etanercept, anc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(String resource) {
        try (InputStream in = SyntheaCorpus.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Not on the classpath: " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
