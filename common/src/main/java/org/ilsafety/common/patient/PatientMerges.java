package org.ilsafety.common.patient;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.ilsafety.common.inbox.EventRejected;
import org.ilsafety.common.inbox.IgnoredReasons;

/**
 * The patient merges this service applied ({@code patient_merge}): which id a merged-away patient id now stands for.
 * The inbound processor asks it, once per poll for the poll's patients, which inputs belong to a merged-away id, and
 * the service's handler re-addresses them to the survivor; a merge applied earlier in the same poll counts at once.
 * A chain (A into B, then B into C) is kept flat: A and B both stand for C.
 */
@ApplicationScoped
public class PatientMerges {
    private static final ThreadLocal<Map<String, String>> POLL = new ThreadLocal<>();

    private final EntityManager entityManager;

    public PatientMerges(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** What recording a merge did. */
    public enum Recorded {
        /** The merge is new: the service moves the merged-away patient's state. */
        NEW,
        /** This merge was already applied (the survivor's and the merged-away record's Patient both state it). */
        ALREADY_APPLIED
    }

    /** Reads the merges of a poll's patients in one query; {@link #survivorOf} answers from it until {@link #endPoll}. */
    public void beginPoll(Collection<String> patientIds) {
        Map<String, String> known = new HashMap<>();
        List<String> ids = patientIds.stream().filter(id -> id != null).distinct().toList();
        if (!ids.isEmpty()) {
            entityManager.unwrap(Session.class).doWork(connection -> {
                try (var query = connection.prepareStatement("SELECT merged_id, surviving_id FROM patient_merge WHERE merged_id = ANY(?)")) {
                    query.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
                    try (var rows = query.executeQuery()) {
                        while (rows.next()) {
                            known.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
            });
        }
        POLL.set(known);
    }

    public void endPoll() {
        POLL.remove();
    }

    /** The surviving id a merged-away patient id stands for; empty for an id that was not merged away. */
    public Optional<String> survivorOf(String patientId) {
        if (patientId == null) {
            return Optional.empty();
        }
        Map<String, String> poll = POLL.get();
        if (poll != null) {
            return Optional.ofNullable(poll.get(patientId));
        }
        return stored(patientId);
    }

    /**
     * Applies the merges a Patient states: each new one is recorded and {@code moveState} moves the merged-away
     * patient's state to the survivor (in this transaction); false when every merge was already applied (the caller
     * says IGNORED, {@link IgnoredReasons#MERGE_ALREADY_APPLIED}, unless it changed something else). A merge that would make a patient its own survivor (B into A
     * after A into B) or move an id already merged into another patient is refused (dead letter): which record
     * survives is the hospital's decision, not a guess.
     */
    public boolean apply(List<PatientMerge> merges, String source, BiConsumer<String, String> moveState) {
        boolean applied = false;
        for (PatientMerge merge : merges) {
            Optional<String> survivor = record(merge, source);
            if (survivor.isPresent()) {
                moveState.accept(merge.mergedId(), survivor.get());
                applied = true;
            }
        }
        return applied;
    }

    /** Records a merge; the survivor it now stands for when new, empty when already applied. */
    Optional<String> record(PatientMerge merge, String source) {
        String survivor = stored(merge.survivingId()).orElse(merge.survivingId());
        if (survivor.equals(merge.mergedId())) {
            throw new EventRejected("MERGE_CYCLE", "The Patient merges a record into one that was merged into it");
        }
        Optional<String> earlier = stored(merge.mergedId());
        if (earlier.isPresent()) {
            if (earlier.get().equals(survivor)) {
                return Optional.empty();
            }
            throw new EventRejected("MERGE_CONFLICT", "The Patient merges a record that was already merged into another patient");
        }
        Timestamp now = Timestamp.from(Instant.now());
        entityManager.createNativeQuery("INSERT INTO patient_merge (merged_id, surviving_id, merged_at, source) VALUES (?1, ?2, ?3, ?4)")
                .setParameter(1, merge.mergedId()).setParameter(2, survivor).setParameter(3, now).setParameter(4, source).executeUpdate();
        entityManager.createNativeQuery("UPDATE patient_merge SET surviving_id = ?1 WHERE surviving_id = ?2")
                .setParameter(1, survivor).setParameter(2, merge.mergedId()).executeUpdate();
        Map<String, String> poll = POLL.get();
        if (poll != null) {
            poll.replaceAll((merged, surviving) -> surviving.equals(merge.mergedId()) ? survivor : surviving);
            poll.put(merge.mergedId(), survivor);
        }
        return Optional.of(survivor);
    }

    @SuppressWarnings("unchecked")
    private Optional<String> stored(String patientId) {
        List<String> found = entityManager.createNativeQuery("SELECT surviving_id FROM patient_merge WHERE merged_id = ?1")
                .setParameter(1, patientId).getResultList();
        return found.stream().findFirst();
    }

    /**
     * Moves a table's rows of the merged-away patient to the survivor, except rows whose key (the other key columns)
     * the survivor already has: those stay under the merged-away id. Returns the number of rows moved.
     */
    public int moveRows(String table, String mergedId, String survivingId, String... keyColumns) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" t SET patient_id = ?1 WHERE t.patient_id = ?2");
        if (keyColumns.length > 0) {
            sql.append(" AND NOT EXISTS (SELECT 1 FROM ").append(table).append(" s WHERE s.patient_id = ?1");
            for (String column : keyColumns) {
                sql.append(" AND s.").append(column).append(" = t.").append(column);
            }
            sql.append(')');
        }
        return entityManager.createNativeQuery(sql.toString()).setParameter(1, survivingId).setParameter(2, mergedId).executeUpdate();
    }

    /** Moves a one-row-per-patient table's row to the survivor when the survivor has none; else it stays under the merged-away id. */
    public int moveRowUnlessPresent(String table, String mergedId, String survivingId) {
        return entityManager.createNativeQuery("UPDATE " + table + " SET patient_id = ?1 WHERE patient_id = ?2 AND NOT EXISTS (SELECT 1 FROM "
                + table + " s WHERE s.patient_id = ?1)").setParameter(1, survivingId).setParameter(2, mergedId).executeUpdate();
    }
}
