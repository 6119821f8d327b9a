package org.ilsafety.common.security;

import java.io.IOException;
import java.util.Collection;

import jakarta.inject.Singleton;


import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.CollectionType;

import io.quarkus.jackson.ObjectMapperCustomizer;
import org.ilsafety.common.config.SuiteConfig;

/**
 * Limits on what a JSON body may hold, for every request and event the suite reads: string length,
 * nesting depth, number length ({@code suite.limits.*}), and items per list. A list over the limit is a
 * 400 naming the field; the request body's total size is limited by {@code quarkus.http.limits.max-body-size}
 * (413).
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {
    private final int maxStringLength;
    private final int maxNestingDepth;
    private final int maxListItems;

    public JsonLimits(SuiteConfig config) {
        this.maxStringLength = config.limits().maxStringLength();
        this.maxNestingDepth = config.limits().maxNestingDepth();
        this.maxListItems = config.limits().maxListItems();
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxStringLength)
                .maxNestingDepth(maxNestingDepth)
                .maxNumberLength(64)
                .build());
        // A key twice in one object is refused (400), never "the last one wins": it could change a dose.
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        SimpleModule module = new SimpleModule("suite-list-limits");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new BoundedCollection(deserializer, maxListItems);
            }

            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return BoundedDate.YEAR_OF.containsKey(description.getBeanClass()) ? new BoundedDate(deserializer) : deserializer;
            }
        });
        mapper.registerModule(module);
    }

    /** A list longer than the limit; the problem response names the field. */
    public static final class TooManyItems extends MismatchedInputException {
        private final int maxItems;

        TooManyItems(JsonParser parser, int maxItems) {
            super(parser, "too many items", Collection.class);
            this.maxItems = maxItems;
        }

        public String reason() {
            return "holds more than the " + maxItems + " items accepted";
        }
    }

    /** A date or instant outside the years 1 to 9999; the problem response names the field. */
    public static final class DateOutOfRange extends MismatchedInputException {
        DateOutOfRange(JsonParser parser, Class<?> type) {
            super(parser, "date out of range", type);
        }

        public String reason() {
            return "must be between the years " + BoundedDate.FIRST_YEAR + " and " + BoundedDate.LAST_YEAR;
        }
    }

    /**
     * Reads a java.time value as usual, then refuses years outside 1 to 9999 (ISO 8601's four digits):
     * java.time reads +999999999-12-31, and adding a day to it later would fail with a 500.
     */
    private static final class BoundedDate extends DelegatingDeserializer {
        static final int FIRST_YEAR = 1;
        static final int LAST_YEAR = 9999;
        static final java.util.Map<Class<?>, java.util.function.Function<Object, Integer>> YEAR_OF = java.util.Map.of(
                java.time.LocalDate.class, value -> ((java.time.LocalDate) value).getYear(),
                java.time.LocalDateTime.class, value -> ((java.time.LocalDateTime) value).getYear(),
                java.time.OffsetDateTime.class, value -> ((java.time.OffsetDateTime) value).getYear(),
                java.time.ZonedDateTime.class, value -> ((java.time.ZonedDateTime) value).getYear(),
                java.time.Instant.class, value -> ((java.time.Instant) value).atOffset(java.time.ZoneOffset.UTC).getYear());

        BoundedDate(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new BoundedDate(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value != null) {
                int year = YEAR_OF.get(value.getClass()).apply(value);
                if (year < FIRST_YEAR || year > LAST_YEAR) {
                    throw new DateOutOfRange(parser, value.getClass());
                }
            }
            return value;
        }
    }

    /** Reads a collection as usual, then refuses it when it holds more than the limit. */
    private static final class BoundedCollection extends DelegatingDeserializer {
        private final int maxItems;

        BoundedCollection(JsonDeserializer<?> delegate, int maxItems) {
            super(delegate);
            this.maxItems = maxItems;
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new BoundedCollection(delegate, maxItems);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (value instanceof Collection<?> items && items.size() > maxItems) {
                throw new TooManyItems(parser, maxItems);
            }
            return value;
        }
    }
}
