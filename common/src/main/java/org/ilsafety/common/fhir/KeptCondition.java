package org.ilsafety.common.fhir;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * The columns a service keeps of a Condition or AllergyIntolerance ({@link RecordedConditions}): the latest version
 * applied, its codes, name and state. A removed or closed one stays with {@code active = false}, so an older version
 * arriving late is recognised as superseded. The entity adds the patient and resource reference (its key).
 */
@MappedSuperclass
public abstract class KeptCondition {
    /** One {@code system|code} per line ({@link RecordedConditions#codesText}). */
    public String codes;

    public String name;

    /** {@link RecordedConditions.State}: ACTIVE, INACTIVE, ENTERED_IN_ERROR, REFUTED. */
    public String state;

    public boolean active;

    @Column(name = "version_id")
    public String versionId;

    @Column(name = "last_updated")
    public Instant lastUpdated;

    @Column(name = "updated_at")
    public Instant updatedAt;

    /** Takes {@code recorded} unless it is older than the version kept; false when nothing changed. */
    public boolean keep(RecordedConditions.Recorded recorded) {
        if (state != null && !recorded.supersedes(versionId, lastUpdated)) {
            return false;
        }
        codes = RecordedConditions.codesText(recorded.codes());
        name = recorded.name() == null || recorded.name().length() <= 1000 ? recorded.name() : recorded.name().substring(0, 1000);
        state = recorded.state().name();
        active = recorded.holds();
        versionId = recorded.version();
        lastUpdated = recorded.lastUpdated();
        updatedAt = Instant.now();
        return true;
    }

    /** The kept version as read. */
    public RecordedConditions.Recorded recorded(String ref, boolean allergy) {
        return new RecordedConditions.Recorded(ref, allergy, RecordedConditions.State.valueOf(state), versionId, lastUpdated,
                RecordedConditions.codes(codes), name);
    }
}
