package org.ilsafety.interaction.cds;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.fhir.EarlierResources;
import org.ilsafety.common.fhir.RecordedConditions;
import org.ilsafety.common.fhir.MedicineReader;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.therapy.ActiveTherapies;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.common.therapy.TherapyOrder;
import org.ilsafety.common.therapy.TherapyOrderReader;
import org.ilsafety.interaction.check.CheckRequest;
import org.ilsafety.interaction.check.CheckResult;
import org.ilsafety.interaction.check.ConditionInput;
import org.ilsafety.interaction.check.Finding;
import org.ilsafety.interaction.check.ImmunizationInput;
import org.ilsafety.interaction.check.InteractionChecker;
import org.ilsafety.interaction.check.MedicationInput;
import org.ilsafety.interaction.check.Therapy;
import org.ilsafety.interaction.check.TherapyStatus;
import org.ilsafety.interaction.check.Today;
import org.ilsafety.interaction.events.FhirMedicines;
import org.ilsafety.interaction.patient.PatientRecords;
import org.ilsafety.interaction.patient.TherapyView;

/**
 * The check of a hook call: the draft orders, the prefetched (or fetched) medicines and vaccinations and the
 * patient's therapy go through the same checker as the API; findings that involve a draft order in focus (or
 * every finding, when the draft order in focus is the therapy itself) become cards. The patient's conditions and
 * allergies are those recorded from {@code patient-events} merged with those of the {@code conditions} and
 * {@code allergies} prefetch (a hypersensitivity to the drug ordered is a card). When prefetch data could not
 * be read and it could change the answer, a card says the check is incomplete ({@link IncompleteCheckCard}).
 * <p>
 * The therapy is, in order: an interleukin-blocker draft order in focus (PLANNED, unless the same molecule is
 * already current, when the recorded therapy stays and the draft is checked as a second product); else the
 * therapy recorded from events ({@code active_therapy}); else an active MedicationStatement for such a
 * product in the prefetch. No therapy: no cards.
 */
@ApplicationScoped
public class HookCheck {
    private final InteractionChecker checker;
    private final TherapyOrderReader orders;
    private final ActiveTherapies therapies;
    private final CardWriter cards;
    private final Today today;
    private final EarlierResources earlier;
    private final PatientRecords records;

    public HookCheck(InteractionChecker checker, TherapyOrderReader orders, ActiveTherapies therapies, CardWriter cards, Today today,
            EarlierResources earlier, PatientRecords records) {
        this.earlier = earlier;
        this.records = records;
        this.checker = checker;
        this.orders = orders;
        this.therapies = therapies;
        this.cards = cards;
        this.today = today;
    }

    /**
     * @param unread the prefetch keys whose data could not be read (fetch failed), with the reason; the check runs on
     *        what was read: a finding needs only the data that proves it
     */
    @Transactional
    CdsModel.Response answer(HookInputs inputs, Map<String, String> unread) {
        LocalDate asOf = today.date();
        List<MedicationInput> medications = new ArrayList<>();
        List<ImmunizationInput> immunizations = new ArrayList<>();
        Therapy therapy = null;
        String therapyDraft = null;
        ActiveTherapy recorded = therapies.find(inputs.patientId()).orElse(null);

        for (MedicationRequest draft : inputs.drafts()) {
            String ref = HookInputs.ref(draft);
            Optional<TherapyOrder> order = orders.read(draft);
            boolean inFocus = inputs.focus().contains(ref);
            if (order.isPresent() && inFocus && therapy == null
                    && !(recorded != null && recorded.isCurrent() && recorded.moleculeId.equals(order.get().moleculeId()))) {
                therapy = new Therapy(order.get().moleculeId(), order.get().productId(), TherapyStatus.PLANNED, null, null);
                therapyDraft = ref;
                continue;
            }
            FhirMedicines.Medicine medicine = FhirMedicines.of(draft, earlier);
            String cvx = cvxOf(draft);
            if (cvx != null || order.isEmpty() && checker.agents().resolve(medicine.name(), medicine.rxnorm(), medicine.atc()).isEmpty()
                    && checker.vaccines().resolve(null, medicine.name()).isPresent()) {
                immunizations.add(new ImmunizationInput(ref, cvx, medicine.name(), asOf));
            } else {
                medications.add(new MedicationInput(ref, medicine.name(), medicine.rxnorm(), medicine.atc()));
            }
        }
        Therapy fromStatements = null;
        for (Resource resource : inputs.prefetched()) {
            if (resource instanceof MedicationStatement statement && FhirMedicines.isCurrent(statement)) {
                FhirMedicines.Medicine medicine = FhirMedicines.of(statement, earlier);
                medications.add(new MedicationInput(FhirMedicines.ref(statement), medicine.name(), medicine.rxnorm(), medicine.atc()));
                if (fromStatements == null) {
                    fromStatements = MedicineReader.recognise(statement, earlier, checker.knowledge().products()).map(ProductCatalog.Recognition::product)
                            .map(p -> new Therapy(p.molecule(), p.id(), TherapyStatus.ACTIVE, null, null)).orElse(null);
                }
            } else if (resource instanceof MedicationRequest prefetchedRequest && FhirMedicines.isCurrent(prefetchedRequest)
                    && !inputs.focus().contains(HookInputs.ref(prefetchedRequest))) {
                FhirMedicines.Medicine medicine = FhirMedicines.of(prefetchedRequest, earlier);
                medications.add(new MedicationInput(FhirMedicines.ref(prefetchedRequest), medicine.name(), medicine.rxnorm(), medicine.atc()));
            } else if (resource instanceof Immunization immunization && FhirMedicines.isCurrent(immunization)) {
                LocalDate date = FhirMedicines.date(immunization, today.zone());
                if (date != null) {
                    immunizations.add(new ImmunizationInput(FhirMedicines.ref(immunization), FhirMedicines.cvx(immunization),
                            FhirMedicines.vaccineName(immunization), date));
                }
            }
        }
        if (therapy == null && recorded != null && checker.knowsDrug(recorded.moleculeId)) {
            therapy = TherapyView.of(recorded, today.zone());
        }
        if (therapy == null) {
            therapy = fromStatements;
        }
        if (therapy == null) {
            // Unread medicines may hold the therapy itself; unread vaccinations matter only with a therapy.
            return new CdsModel.Response(unread.containsKey(CdsServiceCatalog.MEDICATIONS) ? List.of(IncompleteCheckCard.of(unread, null)) : List.of());
        }
        // the conditions and allergies the EHR sent and those recorded from patient-events (a tocilizumab allergy makes ordering it a card)
        CheckResult result = checker.check(new CheckRequest(therapy, medications, immunizations, conditions(inputs), asOf));
        List<Finding> relevant = new ArrayList<>();
        for (Finding finding : result.findings()) {
            if (therapyDraft != null || inputs.focus().contains(finding.matched().ref())) {
                relevant.add(finding);
            }
        }
        List<CdsModel.Card> answer = new ArrayList<>(cards.cards(inputs, therapy, therapyDraft, relevant));
        if (!unread.isEmpty()) {
            answer.add(IncompleteCheckCard.of(unread, therapy));
        }
        return new CdsModel.Response(answer);
    }

    /**
     * The patient's conditions and allergies: those recorded from patient-events and those the EHR sent in the prefetch
     * (or that were fetched); for a resource in both, the EHR's version stands (an allergy it marks entered-in-error is gone).
     */
    private List<ConditionInput> conditions(HookInputs inputs) {
        Map<String, List<ConditionInput>> byRef = new LinkedHashMap<>();
        records.contextConditions(inputs.patientId()).forEach(c -> byRef.computeIfAbsent(c.ref(), k -> new ArrayList<>()).add(c));
        for (Resource resource : inputs.prefetched()) {
            RecordedConditions.read(resource).ifPresent(r -> byRef.put(r.ref(), ConditionInput.of(r)));
        }
        return byRef.values().stream().flatMap(List::stream).toList();
    }

    private static String cvxOf(MedicationRequest draft) {
        if (!draft.hasMedicationCodeableConcept()) {
            return null;
        }
        return draft.getMedicationCodeableConcept().getCoding().stream()
                .filter(c -> org.ilsafety.interaction.knowledge.CodeFormats.CVX_SYSTEM.equals(c.getSystem()) && c.hasCode())
                .map(c -> c.getCode().trim()).findFirst().orElse(null);
    }
}
