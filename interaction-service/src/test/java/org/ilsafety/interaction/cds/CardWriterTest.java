package org.ilsafety.interaction.cds;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.ilsafety.interaction.check.CheckRequest;
import org.ilsafety.interaction.check.Finding;
import org.ilsafety.interaction.check.InteractionChecker;
import org.ilsafety.interaction.check.MedicationInput;
import org.ilsafety.interaction.check.Severity;
import org.ilsafety.interaction.check.Therapy;
import org.ilsafety.interaction.check.TherapyStatus;
import org.ilsafety.interaction.knowledge.InteractionKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Card indicator and summary rules. */
class CardWriterTest {
    static final InteractionChecker CHECKER = new InteractionChecker(InteractionKnowledge.load(Optional.empty()));
    static final Therapy ACTEMRA = new Therapy("tocilizumab", "ACTEMRA", TherapyStatus.ACTIVE, null, null);

    @ParameterizedTest
    @CsvSource({ "CONTRAINDICATED, critical", "MAJOR, warning", "MODERATE, info", "MINOR, info" })
    void indicatorFollowsSeverity(Severity severity, String indicator) {
        assertThat(CardWriter.indicator(severity)).isEqualTo(indicator);
    }

    @ParameterizedTest
    @CsvSource({ "Humira, Major: Humira with tocilizumab", "atorvastatin 20 mg, Minor: atorvastatin 20 mg with tocilizumab",
            "Tyenne, Major: second tocilizumab product Tyenne with tocilizumab" })
    void summaryNamesSeverityMedicineAndTherapy(String medicine, String summary) {
        assertThat(CardWriter.summary(finding(medicine), ACTEMRA)).isEqualTo(summary);
    }

    @Test
    void aLongNameIsCutBelow140Characters() {
        String name = "Humira " + "40 mg/0.4 mL prefilled pen, citrate-free, ".repeat(6);
        String summary = CardWriter.summary(finding(name), ACTEMRA);
        assertThat(summary).hasSizeLessThan(140).startsWith("Major: Humira 40 mg").endsWith("…");
    }

    static Finding finding(String medicine) {
        return CHECKER.check(new CheckRequest(ACTEMRA, List.of(new MedicationInput("MedicationRequest/d1", medicine, null, null)), List.of(),
                LocalDate.of(2026, 11, 22))).findings().get(0);
    }
}
