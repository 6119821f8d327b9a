package org.ilsafety.hl7.v2;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;

/** A parsed message as the mappers read it: its header facts and its segments in message order. */
public record V2Message(Message parsed, MessageHeader header, List<V2Segment> segments) {

    public static V2Message of(Message parsed, MessageHeader header) {
        List<Segment> flat = new ArrayList<>();
        collect(parsed, flat);
        Map<String, Integer> counts = new HashMap<>();
        List<V2Segment> segments = new ArrayList<>(flat.size());
        for (int i = 0; i < flat.size(); i++) {
            Segment segment = flat.get(i);
            int repetition = counts.merge(segment.getName(), 1, Integer::sum);
            segments.add(new V2Segment(segment, i, repetition));
        }
        return new V2Message(parsed, header, List.copyOf(segments));
    }

    /** Depth-first over the parsed structure: the order of the segments on the wire. */
    private static void collect(Group group, List<Segment> into) {
        for (String name : group.getNames()) {
            Structure[] repetitions;
            try {
                repetitions = group.getAll(name);
            } catch (HL7Exception e) {
                continue;
            }
            for (Structure structure : repetitions) {
                if (structure instanceof Segment segment) {
                    if (!isEmpty(segment)) {
                        into.add(segment);
                    }
                } else if (structure instanceof Group child) {
                    collect(child, into);
                }
            }
        }
    }

    private static boolean isEmpty(Structure structure) {
        try {
            return structure.isEmpty();
        } catch (HL7Exception e) {
            return false;
        }
    }

    public List<V2Segment> named(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).toList();
    }

    public Optional<V2Segment> first(String name) {
        return segments.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Optional<V2Segment> first(Predicate<V2Segment> match) {
        return segments.stream().filter(match).findFirst();
    }
}
