package org.ilsafety.common.operations.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.ilsafety.common.operations.OperationsQuery;
import org.ilsafety.common.outbox.ConsumerLag;
import org.ilsafety.common.outbox.RelayRate;
import org.ilsafety.common.problem.ProblemException;
import org.ilsafety.common.security.Roles;
import org.jboss.logging.Logger;

/**
 * {@code GET /api/v1/operations}: this service's consumer lag per partition, consumed events per minute by
 * outcome and dead-letter reason, outbox backlog and the last dead letters (reason code, topic, partition,
 * offset; never a payload or a patient reference), for operations dashboards and the console.
 */
@Tag(name = "Operations", description = "Consumer lag, consumed events by outcome, outbox backlog and dead letters, never patient data")
@Path("/api/v1/operations")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.DASHBOARD, Roles.PHARMACIST, Roles.INTEGRATION })
public class OperationsResource {
    private static final Logger LOG = Logger.getLogger(OperationsResource.class);
    private static final int MAX_MINUTES = 24 * 60;
    private static final int DEAD_LETTERS_SHOWN = 20;

    private final String service;
    private final OperationsQuery query;
    private final ConsumerLag lag;
    private final RelayRate relayRate;

    public OperationsResource(@ConfigProperty(name = "quarkus.application.name") String service, OperationsQuery query, ConsumerLag lag,
            RelayRate relayRate) {
        this.service = service;
        this.query = query;
        this.lag = lag;
        this.relayRate = relayRate;
    }

    /**
     * {@code lagError}: why the lag is missing (the broker did not answer), else null. {@code relayedPerMinute}: events the
     * answering process relayed, per minute (at most the last hour), oldest first.
     */
    public record OperationsView(String service, Instant at, OperationsQuery.Backlog outbox, List<RelayRate.Minute> relayedPerMinute,
            List<ConsumerLag.PartitionLag> consumerLag,
            String lagError, List<OperationsQuery.MinuteCount> eventsPerMinute, List<OperationsQuery.DeadLetter> lastDeadLetters) {
    }

    @Operation(operationId = "getOperations", summary = "Read this service's consumer lag, event counts, outbox backlog and last dead letters")
    @APIResponse(responseCode = "200", description = "The operations view of this service")
    @GET
    public OperationsView get(@QueryParam("minutes") @DefaultValue("60") int minutes) {
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw ProblemException.badRequest("minutes", "must be 1 to " + MAX_MINUTES);
        }
        List<ConsumerLag.PartitionLag> lags = List.of();
        String lagError = null;
        try {
            lags = lag.now();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lagError = "interrupted";
        } catch (Exception e) {
            LOG.warnf("Consumer lag not available: %s", e.getClass().getSimpleName());
            lagError = "The broker did not answer: " + e.getClass().getSimpleName();
        }
        return new OperationsView(service, Instant.now(), query.outboxBacklog(), relayRate.lastMinutes(minutes), lags, lagError, query.eventsPerMinute(minutes),
                query.lastDeadLetters(DEAD_LETTERS_SHOWN));
    }
}
