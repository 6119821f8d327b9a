package org.ilsafety.common.fhir;

import java.util.List;
import java.util.Optional;

import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Resource;

/** Resources sent earlier on {@code patient-events} and kept by id, for later references. */
public interface EarlierResources {

    /** A kept resource by type and logical id. */
    Optional<Resource> find(String type, String id);

    /** The patient's kept Conditions. */
    List<Condition> conditions(String patientId);

    /** Nothing kept (unit tests, REST mappers without the store). */
    EarlierResources NONE = new EarlierResources() {
        @Override
        public Optional<Resource> find(String type, String id) {
            return Optional.empty();
        }

        @Override
        public List<Condition> conditions(String patientId) {
            return List.of();
        }
    };
}
