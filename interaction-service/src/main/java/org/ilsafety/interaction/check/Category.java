package org.ilsafety.interaction.check;

/** What kind of interaction a finding is. */
public enum Category {
    BIOLOGIC_DMARD, LIVE_VACCINE, HORMONAL_CONTRACEPTIVE, CYP450_SUBSTRATE, GI_PERFORATION_RISK, DUPLICATE_THERAPY,
    /** Patient context (issue 19): a known allergy to the therapy, and the label's warnings for conditions. */
    HYPERSENSITIVITY, DEMYELINATING_DISEASE, HEPATIC_DISEASE, PREGNANCY_LACTATION
}
