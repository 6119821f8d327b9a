package org.ilsafety.interaction.cds;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.ilsafety.interaction.check.Therapy;

/**
 * The card that says the check could not be completed: prefetch data the EHR did not send could not be read from
 * its FHIR server either (timeout, an HTTP error, an answer that is not a Bundle, too many pages). CDS Hooks 2.0
 * has no error card and leaves display to the EHR; an empty {@code cards} array means "no decision support", which
 * a pharmacist would read as "no interaction". So the answer carries this card, with the reason, and any
 * finding the data that was read proves.
 * <p>
 * {@code warning} when the patient's therapy is known (the check against it is incomplete), {@code info} when it
 * is not (the unread medicines may hold it): an outage of the EHR's FHIR server does not put a warning on every
 * order of every patient. No {@code uuid}: it is no finding to accept or override (no feedback), and it is not
 * stored in {@code cds_card}.
 */
final class IncompleteCheckCard {
    static final String STATUS_SYSTEM = "https://ilsafety.org/fhir/CodeSystem/cds-check-status";
    static final String CODE = "check-incomplete";
    private static final Map<String, String> WHAT = Map.of(CdsServiceCatalog.MEDICATIONS, "current medicines",
            CdsServiceCatalog.IMMUNIZATIONS, "vaccinations", CdsServiceCatalog.CONDITIONS, "conditions",
            CdsServiceCatalog.ALLERGIES, "allergies");

    private IncompleteCheckCard() {
    }

    /** @param unread prefetch key to the reason it could not be read; @param therapy the therapy checked, or null if none is known */
    static CdsModel.Card of(Map<String, String> unread, Therapy therapy) {
        List<String> what = unread.keySet().stream().map(k -> WHAT.getOrDefault(k, k)).toList();
        String summary = "Interaction check incomplete: the patient's " + String.join(" and ", what) + " could not be read from the EHR";
        StringBuilder detail = new StringBuilder("**The interleukin-blocker interaction check could not be completed.**\n\n");
        unread.forEach((key, reason) -> detail.append("- ").append(capitalised(WHAT.getOrDefault(key, key))).append(" (prefetch `").append(key)
                .append("`): ").append(reason).append(".\n"));
        detail.append('\n');
        if (therapy != null) {
            boolean context = unread.keySet().stream().anyMatch(CdsServiceCatalog.CONTEXT_PREFETCH::contains);
            detail.append("The check against ").append(therapy.drug()).append(" ran without them: a combination or a recent live vaccine")
                    .append(context ? ", or an allergy or condition the EHR holds beyond those recorded from its events," : "")
                    .append(" among them was not checked. ");
        } else {
            detail.append("Whether the patient takes tocilizumab or anakinra, and what it would combine with, could not be checked. ");
        }
        detail.append("Check the patient's current medicines and recent vaccinations before signing. Any other card of this service here stands: "
                + "it rests on data that was read.");
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("org.ilsafety.checkIncomplete", true);
        extension.put("org.ilsafety.unreadPrefetch", new LinkedHashMap<>(unread));
        return new CdsModel.Card(null, summary, detail.toString(), therapy != null ? "warning" : "info",
                new CdsModel.Source("IL safety suite, interaction-service: the check could not be completed", null,
                        new CdsModel.Coding(STATUS_SYSTEM, CODE, "Interaction check incomplete")),
                List.of(), null, List.of(), extension);
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
