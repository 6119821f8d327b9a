package org.ilsafety.dosing.plan;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.ilsafety.common.events.TherapyPlanEvent;
import org.ilsafety.common.events.Topics;
import org.ilsafety.common.knowledge.ProductCatalog;
import org.ilsafety.common.outbox.Outbox;
import org.ilsafety.common.therapy.TherapyOrder;

/** Keeps each patient's therapy plan and publishes every change through the outbox. */
@ApplicationScoped
@Transactional(Transactional.TxType.REQUIRED)
public class TherapyPlanService {
    static final String RULE_ORDER_RECEIVED = "plan.start.order-received";

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final ProductCatalog products;

    public TherapyPlanService(EntityManager entityManager, Outbox outbox, ProductCatalog products) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.products = products;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<TherapyPlan> find(String patientId) {
        return Optional.ofNullable(entityManager.find(TherapyPlan.class, patientId));
    }

    /** An active order starts (or updates) the plan; a stopped order discontinues it. */
    public TherapyPlan applyOrder(TherapyOrder order) {
        TherapyPlan plan = find(order.patientId()).orElse(null);
        boolean isNew = plan == null;
        if (isNew) {
            plan = new TherapyPlan();
            plan.patientId = order.patientId();
            plan.startedAt = order.authoredOn() != null ? order.authoredOn() : Instant.now();
        }
        plan.requestId = order.requestId();
        plan.productId = order.productId();
        plan.moleculeId = order.moleculeId();
        plan.indication = order.indication() != null ? order.indication() : plan.indication;
        plan.route = order.route() != null ? order.route() : plan.route;
        plan.status = order.active() ? PlanStatus.ACTIVE : PlanStatus.DISCONTINUED;
        plan.updatedAt = Instant.now();
        plan.ruleId = RULE_ORDER_RECEIVED;
        plan.knowledgeVersion = products.knowledge().version();
        if (isNew) {
            entityManager.persist(plan);
        }
        TherapyPlanEvent.Change change = !order.active() ? TherapyPlanEvent.Change.DISCONTINUED
                : isNew ? TherapyPlanEvent.Change.STARTED : TherapyPlanEvent.Change.UPDATED;
        outbox.publish(Topics.THERAPY_PLAN_EVENTS, plan.patientId, TherapyPlanEvent.TYPE, toEvent(plan, change, "order " + order.fhirStatus()));
        return plan;
    }

    static TherapyPlanEvent toEvent(TherapyPlan plan, TherapyPlanEvent.Change change, String reason) {
        return new TherapyPlanEvent(plan.patientId, change, plan.moleculeId, plan.productId, plan.indication, plan.route,
                plan.status.name(), null, null, plan.startedAt, null, null, reason, plan.ruleId, plan.knowledgeVersion);
    }
}
