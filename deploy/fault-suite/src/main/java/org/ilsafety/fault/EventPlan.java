package org.ilsafety.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.ilsafety.testsupport.FhirFixtures;

/**
 * The stream a scenario sends: for each patient a Patient, an Actemra IV order for RA, a body weight and
 * then lab Observations (ANC, platelets, ALT), interleaved across patients as on a real bus. Every tenth
 * patient has one low ANC mid-stream and a recovered ANC later, so monitoring must raise exactly one
 * ANC alert for that patient and resolve it. Poison records replace lab events at the given rate.
 */
final class EventPlan {
    static final String[] POISON_KINDS = {
        "{\"resourceType\":\"Observation\",\"id\":\"%s\"",
        "{\"resourceType\":\"Practitioner\",\"id\":\"%s\"}",
        "{\"resourceType\":\"Observation\",\"id\":\"%s\",\"status\":\"final\"}",
        "{\"resourceType\":\"Observation\",\"status\":\"final\",\"subject\":{\"reference\":\"Patient/%s\"}}"
    };

    final String prefix;
    final int patients;
    final int eventsPerPatient;
    final List<PlannedEvent> events;

    private EventPlan(String prefix, int patients, int eventsPerPatient, List<PlannedEvent> events) {
        this.prefix = prefix;
        this.patients = patients;
        this.eventsPerPatient = eventsPerPatient;
        this.events = events;
    }

    static EventPlan generate(String prefix, int patients, int eventsPerPatient, double poisonRate, long seed) {
        Random random = new Random(seed);
        List<List<PlannedEvent>> perPatient = new ArrayList<>();
        for (int p = 0; p < patients; p++) {
            perPatient.add(patientStream(prefix, p, eventsPerPatient, poisonRate, random));
        }
        List<PlannedEvent> interleaved = new ArrayList<>(patients * eventsPerPatient);
        for (int seq = 0; seq < eventsPerPatient; seq++) {
            for (List<PlannedEvent> stream : perPatient) {
                interleaved.add(stream.get(seq));
            }
        }
        return new EventPlan(prefix, patients, eventsPerPatient, interleaved);
    }

    static String patientId(String prefix, int index) {
        return "%s-p%04d".formatted(prefix, index);
    }

    static boolean hasAncEpisode(int patientIndex) {
        return patientIndex % 10 == 0;
    }

    /** The mid-stream low ANC of a patient with an ANC episode (unless poison replaced it). */
    boolean isLowAnc(PlannedEvent event) {
        int patientIndex = Integer.parseInt(event.key().substring(event.key().lastIndexOf("-p") + 2));
        return !event.poison() && hasAncEpisode(patientIndex) && event.sequence() == eventsPerPatient / 2;
    }

    private static List<PlannedEvent> patientStream(String prefix, int p, int count, double poisonRate, Random random) {
        String patient = patientId(prefix, p);
        List<PlannedEvent> stream = new ArrayList<>(count);
        for (int seq = 0; seq < count; seq++) {
            String id = "%s-e%03d".formatted(patient, seq);
            if (seq >= 3 && random.nextDouble() < poisonRate) {
                String kind = POISON_KINDS[random.nextInt(POISON_KINDS.length)];
                // Each poison record is unique, so every one of them must reach the dead letters.
                stream.add(new PlannedEvent(patient, kind.formatted(id), null, true, seq));
                continue;
            }
            String key = seq == 0 ? "Patient/" + patient : (seq == 1 ? "MedicationRequest/" : "Observation/") + id;
            stream.add(new PlannedEvent(patient, resource(patient, id, seq, count, p, random), key + "/_history/1", false, seq));
        }
        return stream;
    }

    private static String resource(String patient, String id, int seq, int count, int p, Random random) {
        // Results of October 2026, in sending order: always in the past, never out of sequence.
        String day = "2026-10-%02dT%02d:%02d:00Z".formatted(1 + seq * 27 / Math.max(count, 1), seq % 24, random.nextInt(60));
        if (seq == 0) {
            return "{\"resourceType\":\"Patient\",\"id\":\"%s\",\"meta\":{\"versionId\":\"1\"}}".formatted(patient);
        }
        if (seq == 1) {
            return FhirFixtures.medicationRequest(patient, id, 1, "Actemra", "IV", "RA", "active", "2026-11-01");
        }
        if (seq == 2) {
            return FhirFixtures.labObservation(patient, id, 1, "29463-7", 60 + random.nextInt(40), "kg", null, day);
        }
        if (hasAncEpisode(p) && seq == count / 2) { // see isLowAnc
            return FhirFixtures.labObservation(patient, id, 1, "751-8", 800, "/uL", null, day);
        }
        if (hasAncEpisode(p) && seq == count * 3 / 4) {
            return FhirFixtures.labObservation(patient, id, 1, "751-8", 2500, "/uL", null, day);
        }
        return switch (seq % 3) {
            case 0 -> FhirFixtures.labObservation(patient, id, 1, "751-8", 2000 + random.nextInt(4000), "/uL", null, day);
            case 1 -> FhirFixtures.labObservation(patient, id, 1, "777-3", 150 + random.nextInt(250), "10*3/uL", null, day);
            default -> FhirFixtures.labObservation(patient, id, 1, "1742-6", 10 + random.nextInt(30), "U/L", 40.0, day);
        };
    }

    /** The sequence number encoded in a resource id of this plan ({@code ...-e042} is 42; the Patient is 0). */
    static int sequenceOf(String idempotencyKey) {
        String id = idOf(idempotencyKey);
        int e = id.lastIndexOf("-e");
        return e < 0 ? 0 : Integer.parseInt(id.substring(e + 2));
    }

    /** The patient id encoded in an idempotency key of this plan. */
    static String patientOf(String idempotencyKey) {
        String id = idOf(idempotencyKey);
        int e = id.lastIndexOf("-e");
        return e < 0 ? id : id.substring(0, e);
    }

    private static String idOf(String idempotencyKey) {
        String[] parts = idempotencyKey.split("/");
        return parts[1];
    }
}
