package org.ilsafety.common.security;

import java.io.IOException;
import java.util.Collection;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    public JsonLimits(@ConfigProperty(name = "suite.limits.max-string-length", defaultValue = "10000") int maxStringLength,
            @ConfigProperty(name = "suite.limits.max-nesting-depth", defaultValue = "32") int maxNestingDepth,
            @ConfigProperty(name = "suite.limits.max-list-items", defaultValue = "500") int maxListItems) {
        this.maxStringLength = maxStringLength;
        this.maxNestingDepth = maxNestingDepth;
        this.maxListItems = maxListItems;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(maxStringLength)
                .maxNestingDepth(maxNestingDepth)
                .maxNumberLength(64)
                .build());
        SimpleModule module = new SimpleModule("suite-list-limits");
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyCollectionDeserializer(DeserializationConfig config, CollectionType type,
                    BeanDescription description, JsonDeserializer<?> deserializer) {
                return new BoundedCollection(deserializer, maxListItems);
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
