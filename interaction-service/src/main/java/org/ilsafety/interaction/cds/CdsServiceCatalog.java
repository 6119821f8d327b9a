package org.ilsafety.interaction.cds;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

/** The CDS services this service offers, as answered by discovery ({@code GET /cds-services}). */
@ApplicationScoped
public class CdsServiceCatalog {
    public static final String ORDER_SELECT = "il-interactions-order-select";
    public static final String ORDER_SIGN = "il-interactions-order-sign";
    /** The prefetch keys a hook call must carry (an absent key or an OperationOutcome is missing: answered 412; a null value means the EHR has no data). */
    public static final List<String> REQUIRED_PREFETCH = List.of("medications", "immunizations");
    static final Map<String, String> PREFETCH = Map.of(
            "medications", "MedicationStatement?patient={{context.patientId}}&status=active",
            "immunizations", "Immunization?patient={{context.patientId}}");

    private final List<CdsModel.Service> services = List.of(
            new CdsModel.Service("order-select", ORDER_SELECT, "Interleukin-blocker interaction check (order select)",
                    "Checks the selected draft MedicationRequests against the patient's tocilizumab or anakinra therapy: biologic DMARDs, "
                            + "live vaccines within the exposure window, hormonal contraceptives, CYP450 substrates, GI perforation risk, "
                            + "duplicate products.",
                    PREFETCH, "Prefetch medications and immunizations are required; the service does not query the FHIR server."),
            new CdsModel.Service("order-sign", ORDER_SIGN, "Interleukin-blocker interaction check (order sign)",
                    "Checks every draft MedicationRequest about to be signed against the patient's tocilizumab or anakinra therapy.",
                    PREFETCH, "Prefetch medications and immunizations are required; the service does not query the FHIR server."));

    public CdsModel.Discovery discovery() {
        return new CdsModel.Discovery(services);
    }

    public Optional<CdsModel.Service> service(String id) {
        return services.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
