package org.ilsafety.dosing.events;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.fhir.PatientEventParser;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.InboundEvent;
import org.ilsafety.common.inbox.InboundHandler;
import org.ilsafety.common.inbox.InboundProcessor;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.dosing.knowledge.DosingKnowledge;
import org.ilsafety.dosing.plan.EarlyDecisions;
import org.ilsafety.dosing.plan.TherapyPlanService;
import org.ilsafety.dosing.weight.WeightConverter;

import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * FHIR resources from the integration bus that change a therapy plan: MedicationRequest (start, update,
 * stop), MedicationAdministration (a dose given), body-weight Observations (the dosing weight) and
 * Patient (the birth date, for the label's age limits).
 */
@ApplicationScoped
public class PatientEventsConsumer implements InboundHandler<Resource> {
    private static final String LOINC = "http://loinc.org";
    private static final String SNOMED_IV = "47625008";
    private static final String SNOMED_SC = "34206005";
    private static final Set<String> RESULT_STATUSES = Set.of("final", "amended", "corrected");

    private final InboundProcessor processor;
    private final PatientEventParser parser;
    private final TherapyOrderReader orders;
    private final OrderDetailsReader details;
    private final TherapyPlanService plans;
    private final ProductCatalog products;
    private final WeightConverter weights;
    private final DosingKnowledge knowledge;
    private final EarlyDecisions earlyDecisions;

    public PatientEventsConsumer(InboundProcessor processor, PatientEventParser parser, TherapyOrderReader orders,
            OrderDetailsReader details, TherapyPlanService plans, ProductCatalog products, WeightConverter weights,
            DosingKnowledge knowledge, EarlyDecisions earlyDecisions) {
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
    public void apply(InboundEvent<Resource> event) {
        if (event.body() instanceof MedicationRequest request) {
            orders.read(request).ifPresent(order -> {
                plans.applyOrder(order, details.read(request));
                earlyDecisions.applyHeld(order.patientId());
            });
        } else if (event.body() instanceof MedicationAdministration administration) {
            administration(event.patientId(), administration);
        } else if (event.body() instanceof Observation observation && isBodyWeight(observation)) {
            weight(event.patientId(), observation);
        } else if (event.body() instanceof Patient patient && patient.hasBirthDate()) {
            plans.recordBirthDate(event.patientId(), patient.getBirthDateElement().getValueAsCalendar().toZonedDateTime().toLocalDate());
        }
    }

    private void administration(String patientId, MedicationAdministration administration) {
        if (!administration.hasMedicationCodeableConcept() || administration.getStatus() == null
                || !"completed".equals(administration.getStatus().toCode())) {
            return;
        }
        products.recognise(administration.getMedicationCodeableConcept()).ifPresent(product -> {
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

    private void weight(String patientId, Observation observation) {
        if (observation.getStatus() == null || !RESULT_STATUSES.contains(observation.getStatus().toCode().toLowerCase(Locale.ROOT))) {
            return;
        }
        if (!observation.hasValueQuantity() || !observation.getValueQuantity().hasValue()) {
            throw new EventRejected("MISSING_WEIGHT_VALUE", "The body-weight observation has no value");
        }
        Quantity quantity = observation.getValueQuantity();
        String unit = quantity.hasCode() ? quantity.getCode() : quantity.getUnit();
        double kg = weights.kilogramsOrReject(quantity.getValue().doubleValue(), unit, "The body weight");
        Instant at = observation.hasEffectiveDateTimeType() ? observation.getEffectiveDateTimeType().getValue().toInstant()
                : observation.hasIssued() ? observation.getIssued().toInstant() : Instant.now();
        plans.recordWeight(patientId, "Observation/" + observation.getIdElement().getIdPart(), at, kg);
    }
}
