package org.ilsafety.interaction.patient;

import java.util.Date;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DetectedIssue;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.common.therapy.ActiveTherapy;
import org.ilsafety.common.util.Digests;

/**
 * A finding as FHIR R4 {@code DetectedIssue} JSON, the payload of {@code interaction-findings}:
 * <ul>
 * <li>{@code identifier[0]}: system {@value #FINDING_SYSTEM}, value the stable finding key;
 * {@code identifier[1]}: system {@value #RULE_SYSTEM}, value the ruleId.</li>
 * <li>{@code code}: v3-ActCode DRG (drug interaction) or DUPTHPY (duplicate therapy), plus the suite's
 * category code ({@value #CATEGORY_SYSTEM}).</li>
 * <li>{@code severity}: high (CONTRAINDICATED, MAJOR), moderate (MODERATE), low (MINOR); the suite's own
 * severity is in the extension {@code .../interaction-severity}.</li>
 * <li>{@code implicated}: the medicine or vaccination resource, then the therapy.</li>
 * <li>{@code mitigation[0].action.text}: the management advice.</li>
 * <li>extensions {@code rule-id}, {@code knowledge-version}, {@code rule-source}, {@code rule-verified}
 * under {@value #EXTENSION_BASE}; a closed finding has status {@code cancelled} and {@code close-reason}.</li>
 * <li>{@code identifiedDateTime}: when the finding was opened, also once it is closed.</li>
 * <li>{@code text}: a generated XHTML narrative of the summary, mechanism, management, rule and closure.</li>
 * </ul>
 */
@ApplicationScoped
public class DetectedIssueWriter {
    public static final String FINDING_SYSTEM = "https://ilsafety.org/fhir/NamingSystem/interaction-finding";
    public static final String RULE_SYSTEM = "https://ilsafety.org/fhir/NamingSystem/interaction-rule";
    public static final String CATEGORY_SYSTEM = "https://ilsafety.org/fhir/CodeSystem/interaction-category";
    public static final String EXTENSION_BASE = "https://ilsafety.org/fhir/StructureDefinition/";
    static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

    private final Fhir fhir;

    public DetectedIssueWriter(Fhir fhir) {
        this.fhir = fhir;
    }

    public String toJson(InteractionFinding finding, ActiveTherapy therapy) {
        DetectedIssue issue = new DetectedIssue();
        issue.setId(Digests.sha256Hex(finding.patientId, finding.findingKey).substring(0, 32));
        issue.addIdentifier().setSystem(FINDING_SYSTEM).setValue(finding.findingKey);
        issue.addIdentifier().setSystem(RULE_SYSTEM).setValue(finding.provenance.ruleId());
        boolean open = InteractionFinding.OPEN.equals(finding.status);
        issue.setStatus(open ? DetectedIssue.DetectedIssueStatus.FINAL : DetectedIssue.DetectedIssueStatus.CANCELLED);
        boolean duplicate = "DUPLICATE_THERAPY".equals(finding.category);
        issue.setCode(new CodeableConcept()
                .addCoding(new Coding(ACT_CODE, duplicate ? "DUPTHPY" : "DRG", duplicate ? "Duplicate Therapy Alert" : "Drug Interaction Alert"))
                .addCoding(new Coding(CATEGORY_SYSTEM, finding.category, null))
                .setText(summary(finding, therapy)));
        issue.setSeverity(switch (finding.severity) {
            case "CONTRAINDICATED", "MAJOR" -> DetectedIssue.DetectedIssueSeverity.HIGH;
            case "MODERATE" -> DetectedIssue.DetectedIssueSeverity.MODERATE;
            default -> DetectedIssue.DetectedIssueSeverity.LOW;
        });
        issue.setPatient(new Reference("Patient/" + finding.patientId));
        issue.setIdentified(new DateTimeType(Date.from(finding.openedAt)));
        issue.addImplicated(new Reference(finding.inputRef).setDisplay(finding.inputName != null ? finding.inputName : finding.resolvedDisplay));
        if (therapy != null) {
            issue.addImplicated(new Reference().setDisplay(therapy.moleculeId + " therapy (" + therapy.productId + ")"));
        }
        issue.setDetail(finding.mechanism);
        issue.addMitigation().setAction(new CodeableConcept().setText(finding.management)).setDate(Date.from(finding.openedAt));
        issue.addExtension(EXTENSION_BASE + "rule-id", new StringType(finding.provenance.ruleId()));
        issue.addExtension(EXTENSION_BASE + "knowledge-version", new StringType(finding.provenance.knowledgeVersion()));
        issue.addExtension(EXTENSION_BASE + "rule-source", new StringType(finding.provenance.source()));
        issue.addExtension(EXTENSION_BASE + "rule-verified", new BooleanType(finding.verified));
        issue.addExtension(EXTENSION_BASE + "interaction-severity", new StringType(finding.severity));
        if (!open && finding.closeReason != null) {
            issue.addExtension(EXTENSION_BASE + "close-reason", new StringType(finding.closeReason));
        }
        issue.setText(narrative(finding, therapy, open));
        return fhir.toJson(issue);
    }

    /** The generated narrative: what was found, how severe, why, what to do, and whether it is closed. */
    static Narrative narrative(InteractionFinding finding, ActiveTherapy therapy, boolean open) {
        StringBuilder div = new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");
        div.append("<p><b>").append(xml(summary(finding, therapy))).append("</b></p>");
        if (finding.mechanism != null) {
            div.append("<p>").append(xml(finding.mechanism)).append("</p>");
        }
        if (finding.management != null) {
            div.append("<p>Management: ").append(xml(finding.management)).append("</p>");
        }
        div.append("<p>Rule ").append(xml(finding.provenance.ruleId())).append(" (").append(xml(finding.provenance.source())).append("), knowledge version ")
                .append(xml(finding.provenance.knowledgeVersion())).append(finding.verified ? "" : "; the rule is not yet verified").append("</p>");
        if (!open) {
            div.append("<p>Closed").append(finding.closeReason != null ? ": " + xml(finding.closeReason) : "").append("</p>");
        }
        div.append("</div>");
        Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString(div.toString());
        return narrative;
    }

    private static String xml(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String summary(InteractionFinding finding, ActiveTherapy therapy) {
        String drug = therapy != null ? therapy.moleculeId : "the therapy";
        return finding.severity.charAt(0) + finding.severity.substring(1).toLowerCase(java.util.Locale.ROOT) + ": "
                + (finding.resolvedDisplay != null ? finding.resolvedDisplay : finding.inputName) + " with " + drug + " ("
                + finding.category.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")";
    }
}
