package org.ilsafety.hl7.fhir;

import java.util.List;

/** Maps one kind of v2 message to the FHIR resources the suite reads. */
public interface MessageMapper {
    List<PatientEvent> map(MappingContext context);
}
