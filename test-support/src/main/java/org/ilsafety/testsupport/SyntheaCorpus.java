package org.ilsafety.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Synthea-generated test corpus ({@code synthea/} on the classpath: the module, the Bundles, the command that
 * regenerates them), and what the module made happen to each patient, read from the Bundle itself.
 */
public final class SyntheaCorpus {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** RxNorm codes the module orders: tocilizumab SCD (IV concentrate, SC prefilled syringe), Kineret SBD, etanercept ingredient. */
    private static final Map<String, String> PRODUCTS = Map.of("849574", "ACTEMRA", "1441526", "ACTEMRA", "727714", "KINERET");
    /** The route each product code's dose form allows (products.yaml codes): the corpus's orders name no route. */
    private static final Map<String, String> ROUTES = Map.of("849574", "IV", "1441526", "SC", "727714", "SC");
    private static final String ETANERCEPT = "214555";
    /** SNOMED CT infection concepts the module or Synthea's own modules write that are in infections.yaml. */
    private static final Set<String> INFECTIONS = Set.of("233604007", "10509002", "6142004", "840539006");
    /** Live vaccines (CVX, vaccines.yaml): the module's zoster live (121) and varicella (21), Synthea's MMR (03) and MMRV (94). */
    private static final Set<String> LIVE_VACCINES = Set.of("03", "21", "94", "121");
    /** A live vaccine this long before the start counts (rules.yaml liveVaccineLeadDays). */
    private static final Duration LIVE_VACCINE_LEAD = Duration.ofDays(28);

    private SyntheaCorpus() {
    }

    /**
     * One generated patient: the Bundle JSON and its entry count; the product ordered (ACTEMRA, KINERET) and the route
     * its code implies; the indication of the SNOMED CT Condition (RA, SJIA); whether etanercept was ordered too; the
     * last ANC reported after the biologic order in /mm3 (NaN when none follows it); the last body weight in kg (NaN when none); the age in whole years when the biologic was
     * ordered; the infection Condition (SNOMED CT code) with onset after the order, or null; the live vaccine (CVX) given
     * on therapy or within the lead time before it, or null; when the first completed MedicationAdministration of the
     * product was given, or null (Synthea records it beside a completed order of its own); the onset of that infection, or null.
     */
    public record Patient(String patientId, String json, int entries, String product, String route, String indication, boolean etanercept,
            double ancAfterOrderPerMm3, double weightKg, int ageYears, String infectionAfterOrder, String liveVaccineOnTherapy,
            OffsetDateTime firstDoseAt, OffsetDateTime infectionOnset) {

        public boolean child() {
            return ageYears < 18;
        }

        /** Whether the Bundle records a dose of the biologic. */
        public boolean dosed() {
            return firstDoseAt != null;
        }

        /** Whether the infection after the order began after the first dose (on therapy, not before its start). */
        public boolean infectionOnTherapy() {
            return infectionOnset != null && dosed() && !infectionOnset.isBefore(firstDoseAt);
        }
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
            LocalDate born = null;
            String product = null;
            String route = null;
            OffsetDateTime orderedAt = null;
            String indication = null;
            boolean etanercept = false;
            double anc = Double.NaN;
            double weight = Double.NaN;
            String latestWeight = "";
            List<JsonNode> conditions = new ArrayList<>();
            List<JsonNode> immunizations = new ArrayList<>();
            Map<String, String> medications = new HashMap<>();
            List<JsonNode> administrations = new ArrayList<>();
            for (JsonNode entry : entries) {
                JsonNode resource = entry.path("resource");
                String code = resource.path("code").path("coding").path(0).path("code").asText();
                switch (resource.path("resourceType").asText()) {
                    case "Patient" -> {
                        id = resource.path("id").asText();
                        born = LocalDate.parse(resource.path("birthDate").asText());
                    }
                    case "Condition" -> {
                        indication = "69896004".equals(code) ? "RA" : "201796004".equals(code) ? "SJIA" : indication;
                        conditions.add(resource);
                    }
                    case "MedicationRequest" -> {
                        String medication = resource.path("medicationCodeableConcept").path("coding").path(0).path("code").asText();
                        if (PRODUCTS.containsKey(medication)) {
                            product = PRODUCTS.get(medication);
                            route = ROUTES.get(medication);
                            orderedAt = OffsetDateTime.parse(resource.path("authoredOn").asText());
                        }
                        etanercept |= ETANERCEPT.equals(medication);
                    }
                    case "Observation" -> {
                        if ("751-8".equals(code) && orderedAt != null) {
                            anc = resource.path("valueQuantity").path("value").asDouble() * 1000; // reported in 10*3/uL
                        } else if ("29463-7".equals(code) && resource.path("effectiveDateTime").asText().compareTo(latestWeight) >= 0) {
                            latestWeight = resource.path("effectiveDateTime").asText();
                            weight = resource.path("valueQuantity").path("value").asDouble();
                        }
                    }
                    case "Immunization" -> immunizations.add(resource);
                    case "Medication" -> medications.put(entry.path("fullUrl").asText(), code);
                    case "MedicationAdministration" -> administrations.add(resource);
                    default -> {
                    }
                }
            }
            String infection = null;
            OffsetDateTime infectionOnset = null;
            String vaccine = null;
            if (orderedAt != null) {
                for (JsonNode condition : conditions) {
                    String code = condition.path("code").path("coding").path(0).path("code").asText();
                    OffsetDateTime onset = INFECTIONS.contains(code) ? OffsetDateTime.parse(condition.path("onsetDateTime").asText()) : null;
                    if (onset != null && !onset.isBefore(orderedAt)) {
                        infection = code;
                        infectionOnset = onset;
                    }
                }
                for (JsonNode immunization : immunizations) {
                    String cvx = immunization.path("vaccineCode").path("coding").path(0).path("code").asText();
                    OffsetDateTime given = OffsetDateTime.parse(immunization.path("occurrenceDateTime").asText());
                    if (LIVE_VACCINES.contains(cvx) && !given.isBefore(orderedAt.minus(LIVE_VACCINE_LEAD))) {
                        vaccine = cvx;
                    }
                }
            }
            OffsetDateTime firstDose = null;
            for (JsonNode administration : administrations) {
                String medication = administration.path("medicationCodeableConcept").path("coding").path(0).path("code")
                        .asText(medications.getOrDefault(administration.path("medicationReference").path("reference").asText(), ""));
                if (PRODUCTS.containsKey(medication) && "completed".equals(administration.path("status").asText())) {
                    OffsetDateTime given = OffsetDateTime.parse(administration.path("effectiveDateTime").asText());
                    firstDose = firstDose == null || given.isBefore(firstDose) ? given : firstDose;
                }
            }
            int age = born == null || orderedAt == null ? -1 : Period.between(born, orderedAt.toLocalDate()).getYears();
            return new Patient(id, json, entries.size(), product, route, indication, etanercept, anc, weight, age, infection, vaccine, firstDose, infectionOnset);
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
