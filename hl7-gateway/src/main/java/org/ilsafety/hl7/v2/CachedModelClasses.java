package org.ilsafety.hl7.v2;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.parser.DefaultModelClassFactory;

/**
 * HAPI's model classes by name and version, remembered, also when there is none. HAPI looks a segment up with
 * {@code Class.forName} in each version package every time it meets it; for a Z-segment (ZLR in every ORU of some
 * labs) the lookup fails and scans the class path again on every message: 11 % of the MLLP threads' CPU in the
 * benchmark (JFR, hl7-gateway README). The model classes do not change while the gateway runs.
 */
final class CachedModelClasses extends DefaultModelClassFactory {
    private static final long serialVersionUID = 1L;

    private final transient Map<String, Optional<Class<? extends Segment>>> segments = new ConcurrentHashMap<>();
    private final transient Map<String, Optional<Class<? extends Type>>> types = new ConcurrentHashMap<>();
    private final transient Map<String, Optional<Class<? extends Group>>> groups = new ConcurrentHashMap<>();

    @Override
    public Class<? extends Segment> getSegmentClass(String name, String version) throws HL7Exception {
        return cached(segments, name, version, () -> super.getSegmentClass(name, version));
    }

    @Override
    public Class<? extends Type> getTypeClass(String name, String version) throws HL7Exception {
        return cached(types, name, version, () -> super.getTypeClass(name, version));
    }

    @Override
    public Class<? extends Group> getGroupClass(String name, String version) throws HL7Exception {
        return cached(groups, name, version, () -> super.getGroupClass(name, version));
    }

    private interface Lookup<T> {
        T find() throws HL7Exception;
    }

    private static <T> T cached(Map<String, Optional<T>> cache, String name, String version, Lookup<T> lookup) throws HL7Exception {
        String key = version + "|" + name;
        Optional<T> known = cache.get(key);
        if (known == null) {
            known = Optional.ofNullable(lookup.find()); // an HL7Exception (unknown version) is not remembered
            cache.putIfAbsent(key, known);
        }
        return known.orElse(null);
    }
}
