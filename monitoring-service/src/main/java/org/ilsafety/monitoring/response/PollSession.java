package org.ilsafety.monitoring.response;

import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;

import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.PersistenceContext;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.Status;
import org.hibernate.persister.entity.EntityPersister;

/**
 * The one place where monitoring works beneath JPA's ordinary API, and why. A poll of up to 500 patient events is
 * applied in one transaction (common {@code InboundProcessor}); three things keep that transaction cheap, and all three
 * live here so nothing else needs to know them:
 * <ol>
 * <li><b>The poll being applied, per thread.</b> Its lab results' patients and Observation ids are noted while the
 * records are parsed, before the transaction that applies them begins (so a transaction-scoped resource cannot carry
 * them), and read when the first lab result is applied, so {@link PatientStates} reads every patient of the poll in six
 * queries instead of a dozen per result. SmallRye hands a poll to one worker thread ({@code @Blocking(ordered = true)}),
 * which parses and applies it: a {@link ThreadLocal}, set and removed around the poll ({@link #during}).</li>
 * <li><b>The flush mode.</b> The lab path reads only its patients' states and never queries after a write, so nothing
 * needs writing before the commit, which then writes the poll's rows in JDBC batches ({@link #labPath}). Without it,
 * every record's idempotency insert (a native statement) would flush the whole persistence context. Every other input
 * queries what the poll wrote so far: the session is flushed and back in {@code AUTO} for it ({@link #queryingPath}).</li>
 * <li><b>A removed entity still in the persistence context.</b> A plan hold released and taken again within one poll is
 * taken back rather than replaced ({@link #removedInThisTransaction}): persisting the removed instance cancels its
 * delete, where a new instance with its key would make Hibernate flush the whole session first. JPA cannot tell a
 * removed instance from an absent one; Hibernate's persistence context can.</li>
 * </ol>
 */
@ApplicationScoped
public class PollSession {
    /** The patients and Observation ids of the records being applied by this thread (one poll). */
    private static final ThreadLocal<Batch> BATCH = new ThreadLocal<>();

    private final EntityManager entityManager;

    public PollSession(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** The patients and lab Observations of the poll this thread is applying. */
    public static final class Batch {
        final Set<String> patients = new LinkedHashSet<>();
        final Set<String> observations = new HashSet<>();
    }

    /** Applies a poll on this thread; the lab results noted while its records are parsed are read in bulk. */
    public void during(Runnable poll) {
        BATCH.set(new Batch());
        try {
            poll.run();
        } finally {
            BATCH.remove();
        }
    }

    /** A lab result of the poll being parsed: its patient's state is read with the others. */
    public void expectLab(String patientId, String observationId) {
        Batch batch = BATCH.get();
        if (batch != null) {
            batch.patients.add(patientId);
            batch.observations.add(observationId);
        }
    }

    /** The poll this thread is applying, if any. */
    Optional<Batch> batch() {
        return Optional.ofNullable(BATCH.get());
    }

    /** The lab path: nothing is written before the commit. */
    public void labPath() {
        entityManager.setFlushMode(FlushModeType.COMMIT);
    }

    /** Any other input: what the poll wrote so far is written, and queries see what this input writes. */
    public void queryingPath() {
        entityManager.flush();
        entityManager.setFlushMode(FlushModeType.AUTO);
    }

    /** The instance of {@code key} removed in this transaction whose delete is still to be written, as the session holds it. */
    public <T> Optional<T> removedInThisTransaction(Class<T> type, Object key) {
        SessionImplementor session = entityManager.unwrap(SessionImplementor.class);
        EntityPersister persister = session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
        PersistenceContext context = session.getPersistenceContextInternal();
        Object removed = context.getEntity(session.generateEntityKey(key, persister));
        EntityEntry entry = removed == null ? null : context.getEntry(removed);
        return entry != null && entry.getStatus() == Status.DELETED ? Optional.of(type.cast(removed)) : Optional.empty();
    }
}
