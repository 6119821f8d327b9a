package org.ilsafety.common.inbox;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.Session;
import org.ilsafety.common.util.Digests;

/** The dedupe of inbound records: each input's idempotency key, claimed once in {@code processed_event}. */
@ApplicationScoped
public class IdempotencyKeys {
    private final EntityManager entityManager;

    public IdempotencyKeys(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Records the keys (in the order given, each with the outcome it is about to have) in one statement and, in
     * {@code applied_seq}, their place in the order this service applied events; returns the keys that were not
     * there yet. A key already there (a redelivery) is a duplicate.
     */
    Set<String> claim(Map<String, String> outcomesByKey) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    // rows inserted in the batch's order, so applied_seq (an identity) records the order of application
                    "INSERT INTO processed_event (idempotency_key, outcome, processed_at) "
                            + "SELECT k.idempotency_key, k.outcome, now() FROM unnest(?::varchar[], ?::varchar[]) WITH ORDINALITY "
                            + "AS k(idempotency_key, outcome, position) ORDER BY k.position "
                            + "ON CONFLICT (idempotency_key) DO NOTHING RETURNING idempotency_key")) {
                insert.setArray(1, connection.createArrayOf("varchar", outcomesByKey.keySet().toArray()));
                insert.setArray(2, connection.createArrayOf("varchar", outcomesByKey.values().toArray()));
                Set<String> claimed = new HashSet<>();
                try (ResultSet inserted = insert.executeQuery()) {
                    while (inserted.next()) {
                        claimed.add(inserted.getString(1));
                    }
                }
                return claimed;
            }
        });
    }

    /**
     * The idempotency key of a record that parsed into no single event: its topic, record key (the patient) and
     * bytes. The same broken bytes sent for two patients are two dead letters; a redelivery, or a copy of the same
     * bytes for the same patient, is a duplicate of the one already dead-lettered with its reason.
     */
    static String unparsedKey(ConsumerRecord<String, String> record) {
        return "unparsed:" + Digests.sha256Hex(record.topic(), String.valueOf(record.key()), String.valueOf(record.value()));
    }
}
