package org.ilsafety.hl7.fhir;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.ilsafety.hl7.GatewayConfig;
import org.ilsafety.hl7.v2.V2Message;

/** Which mapper reads which message type; a type not listed here is refused with AR before parsing. */
@ApplicationScoped
public class MessageMapping {
    private static final Map<String, MessageMapper> MAPPERS = Map.of(
            "ORU^R01", new ResultMapper(),
            "RDE^O11", MedicationOrderMapper.encodedOrders(),
            "OMP^O09", MedicationOrderMapper.orders(),
            "RAS^O17", new AdministrationMapper(),
            "RDS^O13", new AdministrationMapper(),
            "VXU^V04", new ImmunizationMapper(),
            "ADT^A08", new PatientUpdateMapper(),
            "ADT^A31", new PatientUpdateMapper(),
            "ADT^A40", new PatientMergeMapper());

    private final GatewayConfig config;
    private final ZoneId zone;

    public MessageMapping(GatewayConfig config) {
        this.config = config;
        this.zone = ZoneId.of(config.timeZone());
    }

    public static Optional<MessageMapper> mapperFor(String type) {
        return Optional.ofNullable(MAPPERS.get(type));
    }

    public static boolean supportsMessageCode(String code) {
        return MAPPERS.keySet().stream().anyMatch(type -> type.startsWith(code + "^"));
    }

    public List<PatientEvent> map(V2Message message) {
        MappingContext context = new MappingContext(message, zone, config.patientIdAssigningAuthority(), config.patientIdSystem());
        return MAPPERS.get(message.header().type()).map(context);
    }
}
