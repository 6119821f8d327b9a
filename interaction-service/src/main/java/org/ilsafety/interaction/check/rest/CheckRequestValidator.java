package org.ilsafety.interaction.check.rest;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.problem.Problem;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.interaction.check.CheckRequest;
import org.ilsafety.interaction.check.ConditionInput;
import org.ilsafety.interaction.check.ImmunizationInput;
import org.ilsafety.interaction.check.MedicationInput;
import org.ilsafety.interaction.check.Therapy;
import org.ilsafety.interaction.check.TherapyStatus;
import org.ilsafety.interaction.knowledge.CodeFormats;

/**
 * Turns a request body into a {@link CheckRequest}, or refuses it with every offending field named (400
 * problem+json). Nothing is guessed: an unknown drug, a malformed code or a missing date is an error.
 */
@ApplicationScoped
public class CheckRequestValidator {
    static final int MAX_ITEMS = 500;
    private final ProductCatalog products;

    public CheckRequestValidator(ProductCatalog products) {
        this.products = products;
    }

    public CheckRequest validate(InteractionCheckBody body, LocalDate today) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (body == null) {
            throw ProblemException.badRequest("", "the request body is required");
        }
        Therapy therapy = therapy(body.therapy(), errors);
        List<MedicationInput> medications = new ArrayList<>();
        List<InteractionCheckBody.MedicationBody> meds = body.medications() == null ? List.of() : body.medications();
        if (meds.size() > MAX_ITEMS) {
            errors.add(new Problem.FieldError("medications", "must have at most " + MAX_ITEMS + " entries"));
        }
        for (int i = 0; i < meds.size() && i < MAX_ITEMS; i++) {
            String field = "medications[" + i + "]";
            InteractionCheckBody.MedicationBody med = meds.get(i);
            if (med == null || blank(med.name()) && blank(med.rxnorm()) && blank(med.atc())) {
                errors.add(new Problem.FieldError(field, "needs name, rxnorm or atc"));
                continue;
            }
            if (!blank(med.rxnorm()) && !CodeFormats.isRxnorm(med.rxnorm())) {
                errors.add(new Problem.FieldError(field + ".rxnorm", "must be an RxNorm concept id (digits)"));
            }
            if (!blank(med.atc()) && !CodeFormats.isAtc(med.atc())) {
                errors.add(new Problem.FieldError(field + ".atc", "must be an ATC code (for example L04AB04)"));
            }
            medications.add(new MedicationInput(field, trimmed(med.name()), trimmed(med.rxnorm()), blank(med.atc()) ? null : CodeFormats.atcKey(med.atc())));
        }
        List<ImmunizationInput> immunizations = new ArrayList<>();
        List<InteractionCheckBody.ImmunizationBody> imms = body.immunizations() == null ? List.of() : body.immunizations();
        if (imms.size() > MAX_ITEMS) {
            errors.add(new Problem.FieldError("immunizations", "must have at most " + MAX_ITEMS + " entries"));
        }
        for (int i = 0; i < imms.size() && i < MAX_ITEMS; i++) {
            String field = "immunizations[" + i + "]";
            InteractionCheckBody.ImmunizationBody imm = imms.get(i);
            if (imm == null || blank(imm.cvx()) && blank(imm.name())) {
                errors.add(new Problem.FieldError(field, "needs cvx or name"));
                continue;
            }
            if (!blank(imm.cvx()) && !CodeFormats.isCvx(imm.cvx())) {
                errors.add(new Problem.FieldError(field + ".cvx", "must be a CVX code (1 to 3 digits)"));
            }
            if (imm.date() == null) {
                errors.add(new Problem.FieldError(field + ".date", "is required (the date given or planned)"));
            }
            immunizations.add(new ImmunizationInput(field, trimmed(imm.cvx()), trimmed(imm.name()), imm.date()));
        }
        List<ConditionInput> conditions = new ArrayList<>();
        coded("conditions", body.conditions(), false, conditions, errors);
        coded("allergies", body.allergies(), true, conditions, errors);
        if (!errors.isEmpty()) {
            String detail = errors.stream().map(e -> e.field() + " " + e.reason()).collect(Collectors.joining("; "));
            throw new ProblemException(400, "Invalid request", detail, errors);
        }
        return new CheckRequest(therapy, medications, immunizations, conditions, body.asOf() != null ? body.asOf() : today);
    }

    private static void coded(String list, List<InteractionCheckBody.CodedBody> items, boolean allergy, List<ConditionInput> into,
            List<Problem.FieldError> errors) {
        List<InteractionCheckBody.CodedBody> given = items == null ? List.of() : items;
        if (given.size() > MAX_ITEMS) {
            errors.add(new Problem.FieldError(list, "must have at most " + MAX_ITEMS + " entries"));
        }
        for (int i = 0; i < given.size() && i < MAX_ITEMS; i++) {
            String field = list + "[" + i + "]";
            InteractionCheckBody.CodedBody item = given.get(i);
            if (item == null || blank(item.code()) && blank(item.name())) {
                errors.add(new Problem.FieldError(field, "needs code (with system) or name"));
                continue;
            }
            if (!blank(item.code()) && blank(item.system())) {
                errors.add(new Problem.FieldError(field + ".system", "is required with a code (ICD-10-CM, SNOMED CT or RxNorm URI)"));
                continue;
            }
            into.add(new ConditionInput(field, trimmed(item.system()), trimmed(item.code()), trimmed(item.name()), allergy));
        }
    }

    private Therapy therapy(InteractionCheckBody.TherapyBody therapy, List<Problem.FieldError> errors) {
        if (therapy == null) {
            errors.add(new Problem.FieldError("therapy", "is required"));
            return null;
        }
        String drug = null;
        if (blank(therapy.drug())) {
            errors.add(new Problem.FieldError("therapy.drug", "is required"));
        } else {
            drug = products.molecule(therapy.drug().trim()).map(ProductCatalog.Molecule::id).orElse(null);
            if (drug == null) {
                errors.add(new Problem.FieldError("therapy.drug", "must be one of " + products.knowledge().content().molecules().stream()
                        .map(ProductCatalog.Molecule::id).toList()));
            }
        }
        String product = null;
        if (!blank(therapy.product())) {
            ProductCatalog.Product known = products.product(therapy.product().trim()).or(() -> products.byName(therapy.product())).orElse(null);
            if (known == null || drug != null && !known.molecule().equals(drug)) {
                errors.add(new Problem.FieldError("therapy.product", "must be a product of the therapy's drug"));
            } else {
                product = known.id();
            }
        }
        if (therapy.status() == null) {
            errors.add(new Problem.FieldError("therapy.status", "is required (PLANNED, ACTIVE or STOPPED)"));
        } else if (therapy.status() == TherapyStatus.STOPPED && therapy.lastDoseDate() == null) {
            errors.add(new Problem.FieldError("therapy.lastDoseDate", "is required when the status is STOPPED (the exposure window runs from it)"));
        }
        if (therapy.startDate() != null && therapy.lastDoseDate() != null && therapy.lastDoseDate().isBefore(therapy.startDate())) {
            errors.add(new Problem.FieldError("therapy.lastDoseDate", "must not be before therapy.startDate"));
        }
        return new Therapy(drug, product, therapy.status(), therapy.startDate(), therapy.lastDoseDate());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trimmed(String value) {
        return blank(value) ? null : value.trim();
    }
}
