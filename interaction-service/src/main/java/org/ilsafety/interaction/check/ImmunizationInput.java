package org.ilsafety.interaction.check;

import java.time.LocalDate;

/** A vaccination given or planned on {@code date}; {@code ref} says where it came from. */
public record ImmunizationInput(String ref, String cvx, String name, LocalDate date) {
}
