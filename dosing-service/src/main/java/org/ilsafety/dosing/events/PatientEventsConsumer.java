package org.ilsafety.dosing.events;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.fhir.LabUnits;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.fhir.ObservationFacts;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.fhir.ReceivedResources;
import org.ilsafety.common.inbox.IgnoredReasons;
import org.ilsafety.common.inbox.InputOutcome;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.patient.PatientMerge;
import org.ilsafety.common.patient.PatientMerges;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.dosing.allergy.PatientAllergies;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.knowledge.PlanRules;
import org.ilsafety.dosing.plan.AllergyBlocks;
import org.ilsafety.dosing.plan.EarlyDecisions;
import org.ilsafety.dosing.plan.MergedPatients;
import org.ilsafety.dosing.plan.TherapyPlanService;
import org.ilsafety.dosing.renal.RenalReading;
import org.ilsafety.dosing.weight.WeightConverter;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * FHIR resources from the integration bus that change a therapy plan: MedicationRequest (start, update,
 * stop), MedicationAdministration (a dose given), body-weight Observations (the dosing weight), creatinine
 * clearance and eGFR Observations (the label's renal interval), Patient (the birth date, for the label's age
 * limits) and AllergyIntolerance (a contraindication blocks the plan).
 */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<Resource> {
    private static final String LOINC = "http://loinc.org";
    private static final String SNOMED_IV = "47625008";
    private static final String SNOMED_SC = "34206005";

    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final TherapyOrderReader orders;
    private final OrderDetailsReader details;
    private final TherapyPlanService plans;
    private final ProductCatalog products;
    private final WeightConverter weights;
    private final DosingKnowledge knowledge;
    private final EarlyDecisions earlyDecisions;
    private final ReceivedResources received;
    private final LabUnits units;
    private final PatientAllergies allergies;
    private final AllergyBlocks allergyBlocks;
    private final PatientMerges merges;
    private final MergedPatients mergedPatients;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, TherapyOrderReader orders,
            OrderDetailsReader details, TherapyPlanService plans, ProductCatalog products, WeightConverter weights,
            DosingKnowledge knowledge, EarlyDecisions earlyDecisions, ReceivedResources received, LabUnits units,
            PatientAllergies allergies, AllergyBlocks allergyBlocks, PatientMerges merges, MergedPatients mergedPatients) {
        this.merges = merges;
        this.mergedPatients = mergedPatients;
        this.allergies = allergies;
        this.allergyBlocks = allergyBlocks;
        this.received = received;
        this.units = units;
        this.processor = processor;
        this.parser = parser;
        this.orders = orders;
        this.details = details;
        this.plans = plans;
        this.products = products;
        this.weights = weights;
        this.knowledge = knowledge;
        this.earlyDecisions = earlyDecisions;
    }

    /** One poll's records (batch mode) in one transaction; the processor falls back to one record at a time on failure. */
    @Incoming(Topics.PATIENT_EVENTS)
    @Blocking(ordered = true)
    public void consume(ConsumerRecords<String, String> records) {
        processor.processBatch(records, this);
    }

    @Override
    public InboundEvent<Resource> parse(ConsumerRecord<String, String> record) {
        return parser.parse(record);
    }

    @Override
    public List<InboundEvent<Resource>> parseAll(ConsumerRecord<String, String> record) {
        return parser.parseAll(record);
    }

    @Override
    public void apply(InboundEvent<Resource> event) {
        if (event.body() instanceof AllergyIntolerance) {
            allergy(event.patientId(), RecordedConditions.read(event.body()).orElseThrow());
        } else if (received.keep(event.body(), event.patientId())) {
            InputOutcome.ignore(IgnoredReasons.KEPT_FOR_REFERENCE);
        } else if (event.body() instanceof MedicationRequest request) {
            orders.read(request).ifPresentOrElse(order -> {
                plans.applyOrder(order, details.read(request));
                earlyDecisions.applyHeld(order.patientId());
            }, () -> InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED));
        } else if (event.body() instanceof MedicationAdministration administration) {
            administration(event.patientId(), administration);
        } else if (event.body() instanceof Observation observation) {
            Optional<PlanRules.RenalCode> renalCode = renalCode(observation);
            if (isBodyWeight(observation)) {
                weight(event.patientId(), observation);
            } else if (renalCode.isPresent()) {
                renalFunction(event.patientId(), observation, renalCode.get());
            } else {
                InputOutcome.ignore(IgnoredReasons.CODE_NOT_MONITORED);
            }
        } else if (event.body() instanceof Patient patient) {
            patient(event, patient);
        } else {
            InputOutcome.ignore(IgnoredReasons.RESOURCE_TYPE_NOT_USED);
        }
    }

    /**
     * A Patient: its birth date (the label's age limits), and a merge its links state (replaced-by / replaces), which moves
     * the merged-away patient's plan and facts to the survivor ({@link MergedPatients}).
     */
    private void patient(InboundEvent<Resource> event, Patient patient) {
        List<PatientMerge> stated = PatientMerge.of(patient);
        boolean merged = !stated.isEmpty() && merges.apply(stated, event.idempotencyKey(), mergedPatients::move);
        boolean merging = stated.stream().anyMatch(merge -> merge.mergedId().equals(event.patientId()));
        if (patient.hasBirthDate() && !merging) {
            plans.recordBirthDate(event.patientId(), patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate());
        } else if (!merged) {
            InputOutcome.ignore(stated.isEmpty() ? IgnoredReasons.NOTHING_USED : IgnoredReasons.MERGE_ALREADY_APPLIED);
        }
    }

    @Override
    public InboundEvent<Resource> forSurvivor(InboundEvent<Resource> event, String survivingId) {
        return parser.forSurvivor(event, survivingId);
    }

    /**
     * An AllergyIntolerance is kept (its latest version) whether or not a plan exists; one that contraindicates the
     * plan's drug blocks or holds the plan, one that no longer holds lifts the block. An older version than the one kept
     * changes nothing (IGNORED, SUPERSEDED_VERSION).
     */
    private void allergy(String patientId, RecordedConditions.Recorded allergy) {
        if (!allergies.record(patientId, allergy)) {
            InputOutcome.ignore(IgnoredReasons.SUPERSEDED_VERSION);
            return;
        }
        allergyBlocks.allergyChanged(patientId);
    }

    private void administration(String patientId, MedicationAdministration administration) {
        if (administration.getStatus() == null || !"completed".equals(administration.getStatus().toCode())) {
            InputOutcome.ignore(IgnoredReasons.NOT_COMPLETED);
            return;
        }
        Optional<ProductCatalog.Product> recognised = MedicineReader.recognise(administration, received, products)
                .map(ProductCatalog.Recognition::product);
        if (recognised.isEmpty()) {
            InputOutcome.ignore(IgnoredReasons.MEDICINE_UNRECOGNIZED);
        }
        recognised.ifPresent(product -> {
            Instant at = administration.hasEffectiveDateTimeType() ? administration.getEffectiveDateTimeType().getValue().toInstant()
                    : administration.hasEffectivePeriod() && administration.getEffectivePeriod().hasStart()
                            ? administration.getEffectivePeriod().getStart().toInstant() : null;
            if (at == null) {
                throw new EventRejected("MISSING_ADMINISTRATION_TIME", "The administration has no effective time");
            }
            Double doseMg = null;
            String doseIssue = null;
            String route = null;
            if (administration.hasDosage()) {
                MedicationAdministration.MedicationAdministrationDosageComponent dosage = administration.getDosage();
                if (dosage.hasDose() && dosage.getDose().hasValue()) {
                    doseMg = milligrams(dosage.getDose());
                    if (doseMg == null) {
                        doseIssue = "the recorded dose has no unit: not taken as mg, the amount is ungradable (review)";
                    }
                }
                if (dosage.hasRoute()) {
                    for (Coding coding : dosage.getRoute().getCoding()) {
                        route = SNOMED_IV.equals(coding.getCode()) ? "IV" : SNOMED_SC.equals(coding.getCode()) ? "SC" : route;
                    }
                }
            }
            plans.recordAdministration(patientId, "MedicationAdministration/" + administration.getIdElement().getIdPart(), at, doseMg,
                    doseIssue, route, product.id());
        });
    }

    /** The dose in mg; null when it has no unit (never assumed to be mg). */
    private static Double milligrams(Quantity dose) {
        String unit = dose.hasCode() ? dose.getCode() : dose.getUnit();
        double value = dose.getValue().doubleValue();
        if (unit == null || unit.isBlank()) {
            return null;
        }
        if (unit.equals("mg")) {
            return value;
        }
        if (unit.equals("g")) {
            return value * 1000;
        }
        throw new EventRejected("UNKNOWN_DOSE_UNIT", "The administered dose has a unit the service does not know");
    }

    private boolean isBodyWeight(Observation observation) {
        return observation.getCode().getCoding().stream()
                .anyMatch(c -> LOINC.equals(c.getSystem()) && knowledge.planRules().bodyWeightLoinc().contains(c.getCode()));
    }

    private Optional<PlanRules.RenalCode> renalCode(Observation observation) {
        PlanRules.RenalFunction renal = knowledge.planRules().renalFunction();
        return observation.getCode().getCoding().stream().map(c -> renal.code(c.getSystem(), c.getCode())).flatMap(Optional::stream).findFirst();
    }

    /**
     * A creatinine clearance or eGFR for the label's renal interval: final, amended and corrected results count (an
     * amended one replaces the earlier value), an entered-in-error one withdraws it; converted to mL/min.
     */
    private void renalFunction(String patientId, Observation observation, PlanRules.RenalCode code) {
        String sourceId = "Observation/" + observation.getIdElement().getIdPart();
        ObservationFacts.Status status = ObservationFacts.status(observation);
        if (status == ObservationFacts.Status.VOID) {
            if (!plans.withdrawRenalFunction(patientId, sourceId)) {
                InputOutcome.ignore(IgnoredReasons.STATUS_NOT_ACTED_ON);
            }
            return;
        }
        if (status == ObservationFacts.Status.PRELIMINARY) {
            InputOutcome.ignore(IgnoredReasons.PRELIMINARY_RESULT);
            return;
        }
        if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
            throw new EventRejected("MISSING_RENAL_VALUE", "The creatinine clearance or eGFR observation has no quantity value");
        }
        ObservationFacts.Measured measured = ObservationFacts.measured(observation.getValueQuantity()).orElseThrow();
        String unit = knowledge.planRules().renalFunction().unit();
        double factor = units.factor(measured.unit(), unit).orElseThrow(() -> new EventRejected("UNKNOWN_RENAL_UNIT",
                "The creatinine clearance or eGFR has a unit that does not convert to " + unit));
        double mlPerMin = measured.value() * factor;
        if (!Double.isFinite(mlPerMin) || mlPerMin < 0) {
            throw new EventRejected("IMPLAUSIBLE_RENAL_VALUE", "The creatinine clearance or eGFR is not a finite, non-negative number");
        }
        if (measured.comparator() != null && knowledge.regimens().regimens().stream().map(r -> r.renal()).filter(r -> r != null)
                .anyMatch(r -> RenalReading.valueAgainst(mlPerMin, measured.comparator(), r.creatinineClearanceBelowMlPerMin()).isEmpty())) {
            InputOutcome.ignore(IgnoredReasons.VALUE_NOT_EXACT); // "> 25" cannot say whether the clearance is under 30
            return;
        }
        RenalReading reading = new RenalReading();
        reading.patientId = patientId;
        reading.sourceId = sourceId;
        reading.measuredAt = ObservationFacts.effective(observation).orElseGet(Instant::now);
        reading.mlPerMin = mlPerMin;
        reading.comparator = measured.comparator();
        reading.code = code.code();
        reading.display = code.estimate() ? "eGFR" : "creatinine clearance";
        reading.estimate = code.estimate();
        plans.recordRenalFunction(reading);
    }

    /** The one Observation rule ({@link ObservationFacts}): only final, amended and corrected weights dose. */
    private void weight(String patientId, Observation observation) {
        ObservationFacts.Status status = ObservationFacts.status(observation);
        if (status != ObservationFacts.Status.COUNTS) {
            InputOutcome.ignore(status == ObservationFacts.Status.PRELIMINARY ? IgnoredReasons.PRELIMINARY_RESULT : IgnoredReasons.STATUS_NOT_ACTED_ON);
            return;
        }
        if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
            throw new EventRejected("MISSING_WEIGHT_VALUE", "The body-weight observation has no value");
        }
        ObservationFacts.Measured measured = ObservationFacts.measured(observation.getValueQuantity()).orElseThrow();
        if (measured.comparator() != null) {
            InputOutcome.ignore(IgnoredReasons.VALUE_NOT_EXACT); // a weight "> 150 kg" cannot dose
            return;
        }
        String unit = weights.toKg(1, measured.unit()).isPresent() ? measured.unit()
                : units.factor(measured.unit(), "kg").isPresent() ? "kg" : measured.unit();
        double value = unit.equals(measured.unit()) ? measured.value() : measured.value() * units.factor(measured.unit(), "kg").getAsDouble();
        double kg = weights.kilogramsOrReject(value, unit, "The body weight");
        Instant at = ObservationFacts.effective(observation).orElseGet(Instant::now);
        plans.recordWeight(patientId, "Observation/" + observation.getIdElement().getIdPart(), at, kg);
    }
}
