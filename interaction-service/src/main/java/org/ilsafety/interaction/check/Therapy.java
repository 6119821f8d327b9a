package org.ilsafety.interaction.check;

import java.time.LocalDate;

/**
 * The interleukin-blocking therapy the check is about. {@code drug} is a molecule id of products.yaml;
 * {@code product} (optional) the product the patient is on, so a second product of the same molecule is
 * a duplicate; {@code startDate} (optional) bounds how far back a live vaccine counts.
 */
public record Therapy(String drug, String product, TherapyStatus status, LocalDate startDate, LocalDate lastDoseDate) {
}
