package org.ilsafety.interaction.check;

/** How serious a finding is, most serious first. */
public enum Severity {
    CONTRAINDICATED, MAJOR, MODERATE, MINOR
}
