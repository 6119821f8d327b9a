package org.ilsafety.interaction.cds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.r4.model.Resource;
import org.ilsafety.common.fhir.Fhir;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.interaction.cds.client.CallingEhr;
import org.ilsafety.interaction.cds.client.CdsHooksSettings;
import org.ilsafety.interaction.cds.client.TrustedClients;

/**
 * Answers {@code order-select} and {@code order-sign} (CDS Hooks 2.0): reads the call, fetches the prefetch data
 * the EHR did not send (an absent key or an OperationOutcome) from its {@code fhirServer} with its access token,
 * then runs the check ({@link HookCheck}). Nothing to fetch from (no {@code fhirServer}, no token, a server the
 * token may not go to): 412 ({@link PrefetchMissing}). A fetch that fails: the check runs on what was read and
 * the answer says it is incomplete. The patient's conditions and allergies (prefetch or fetched) are fetched only where
 * the call grants access; without it the check uses those recorded from patient-events. The fetch runs outside the
 * database transaction.
 */
@ApplicationScoped
public class CdsHookService {
    private final Fhir fhir;
    private final HookCheck check;
    private final FhirFetcher fetcher;
    private final CallingEhr ehr;
    private final TrustedClients clients;
    private final CdsHooksSettings settings;

    public CdsHookService(Fhir fhir, HookCheck check, FhirFetcher fetcher, CallingEhr ehr, TrustedClients clients, CdsHooksSettings settings) {
        this.fhir = fhir;
        this.check = check;
        this.fetcher = fetcher;
        this.ehr = ehr;
        this.clients = clients;
        this.settings = settings;
    }

    public CdsModel.Response answer(String serviceId, String hook, CdsModel.HookRequest request) {
        HookInputs inputs = HookInputs.read(serviceId, hook, request, fhir);
        Map<String, String> unread = new LinkedHashMap<>();
        List<String> toFetch = new ArrayList<>(inputs.missing());
        Optional<FhirServerAccess> access;
        if (!inputs.missing().isEmpty()) {
            access = Optional.of(FhirServerAccess.of(request, inputs.missing(), allowList(), settings.fhirFetch().allowLoopbackHttp()));
        } else {
            access = contextAccess(request, inputs.missingContext());
        }
        if (access.isPresent()) {
            toFetch.addAll(inputs.missingContext());
        }
        if (!toFetch.isEmpty()) {
            Map<String, String> queries = new LinkedHashMap<>();
            for (String key : toFetch) {
                Optional<String> query = CdsServiceCatalog.query(key, inputs.context());
                if (query.isPresent()) {
                    queries.put(key, query.get());
                } else {
                    unread.put(key, "its query needs a value the hook context does not give");
                }
            }
            List<Resource> fetched = new ArrayList<>();
            for (FhirFetcher.Fetched result : fetcher.fetch(access.get(), queries, inputs.hookInstance())) {
                fetched.addAll(result.resources());
                if (result.failed()) {
                    unread.put(result.key(), result.failure());
                }
            }
            inputs = inputs.withFetched(fetched);
        }
        return check.answer(inputs, unread);
    }

    /**
     * Access for the patient-context keys alone: where the call grants none (no fhirServer or token, a server the token may
     * not go to), nothing is fetched and the conditions recorded from patient-events stand; no 412 for them.
     */
    private Optional<FhirServerAccess> contextAccess(CdsModel.HookRequest request, List<String> keys) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(FhirServerAccess.of(request, keys, allowList(), settings.fhirFetch().allowLoopbackHttp()));
        } catch (PrefetchMissing | ProblemException e) {
            return Optional.empty(); // the conditions and allergies are optional: the call's fhirServer is not needed
        }
    }

    /** The FHIR servers the calling EHR may name, when its configuration lists them. */
    private Optional<List<String>> allowList() {
        return ehr.get().flatMap(client -> clients.byIssuer(client.issuer()))
                .map(trusted -> settings.clients().get(trusted.name()))
                .flatMap(CdsHooksSettings.Client::fhirServers);
    }
}
