package org.ilsafety.interaction.patient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Narrative;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.common.knowledge.Provenance;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The DetectedIssue payload of interaction-findings. */
class DetectedIssueWriterTest {
    static final Fhir FHIR = new Fhir();
    static final DetectedIssueWriter WRITER = new DetectedIssueWriter(FHIR);

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
            "LIVE_VACCINE,      CONTRAINDICATED, OPEN,   HIGH,     FINAL,     DRG",
            "BIOLOGIC_DMARD,    MAJOR,           OPEN,   HIGH,     FINAL,     DRG",
            "DUPLICATE_THERAPY, MAJOR,           CLOSED, HIGH,     CANCELLED, DUPTHPY",
            "CYP450_SUBSTRATE,  MODERATE,        OPEN,   MODERATE, FINAL,     DRG",
            "CYP450_SUBSTRATE,  MINOR,           CLOSED, LOW,      CANCELLED, DRG",
    })
    void severityStatusAndCodeFollowTheFinding(String category, String severity, String status, DetectedIssue.DetectedIssueSeverity fhirSeverity,
            DetectedIssue.DetectedIssueStatus fhirStatus, String actCode) {
        InteractionFinding finding = finding(category, severity, status);
        finding.closeReason = status.equals("CLOSED") ? "no longer applies" : null;
        ActiveTherapy therapy = new ActiveTherapy();
        therapy.moleculeId = "tocilizumab";
        therapy.productId = "ACTEMRA";

        DetectedIssue issue = (DetectedIssue) FHIR.parse(WRITER.toJson(finding, therapy));

        assertThat(issue.getSeverity()).isEqualTo(fhirSeverity);
        assertThat(issue.getStatus()).isEqualTo(fhirStatus);
        assertThat(issue.getCode().getCoding()).extracting(c -> c.getCode()).containsExactly(actCode, category);
        assertThat(issue.getIdentifierFirstRep().getValue()).isEqualTo(finding.findingKey);
        assertThat(issue.getIdentifier().get(1).getValue()).isEqualTo("rule.x");
        assertThat(issue.getExtensionByUrl(DetectedIssueWriter.EXTENSION_BASE + "interaction-severity").getValue().primitiveValue())
                .isEqualTo(severity);
        assertThat(issue.hasExtension(DetectedIssueWriter.EXTENSION_BASE + "close-reason")).isEqualTo(status.equals("CLOSED"));
        assertThat(issue.getImplicatedFirstRep().getReference()).isEqualTo("MedicationStatement/ms-1");
        // when it was identified, also once closed (the close time is not when it was found)
        assertThat(issue.getIdentifiedDateTimeType().getValue().toInstant()).isEqualTo(finding.openedAt);
        assertThat(issue.getText().getStatus()).isEqualTo(Narrative.NarrativeStatus.GENERATED);
        assertThat(issue.getText().getDivAsString()).contains("with tocilizumab", "Management: management", "rule.x")
                .satisfies(div -> assertThat(div.contains("Closed: no longer applies")).isEqualTo(status.equals("CLOSED")));
    }

    @Test
    void theNarrativeEscapesMarkupFromTheKnowledgeBase() {
        InteractionFinding finding = finding("LIVE_VACCINE", "CONTRAINDICATED", "OPEN");
        finding.provenance = new Provenance(finding.provenance.ruleId(), "label <5.4>", finding.provenance.knowledgeVersion());
        finding.inputName = "MMR & varicella";
        finding.resolvedDisplay = null;
        finding.mechanism = "live <attenuated> virus";

        DetectedIssue issue = (DetectedIssue) FHIR.parse(WRITER.toJson(finding, null));

        assertThat(issue.getText().getDivAsString()).contains("MMR &amp; varicella", "live &lt;attenuated&gt; virus", "label &lt;5.4&gt;")
                .doesNotContain("<attenuated>");
    }

    static InteractionFinding finding(String category, String severity, String status) {
        InteractionFinding finding = new InteractionFinding();
        finding.patientId = "p-1";
        finding.findingKey = "rule.x|MedicationStatement/ms-1|agent";
        finding.status = status;
        finding.category = category;
        finding.severity = severity;
        finding.provenance = new Provenance("rule.x", "USPI section 7", "2026.11.0+abcdef12");
        finding.verified = true;
        finding.inputRef = "MedicationStatement/ms-1";
        finding.inputName = "Humira";
        finding.resolvedDisplay = "adalimumab";
        finding.mechanism = "mechanism";
        finding.management = "management";
        finding.openedAt = Instant.parse("2026-11-20T10:00:00Z");
        return finding;
    }
}
