package org.ilsafety.common.rest;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;

import org.ilsafety.common.problem.ProblemException;

/** The search parameters list endpoints share, read the same way everywhere: a bad one is a 400 problem naming it. */
public final class QueryParameters {
    private QueryParameters() {
    }

    /** Checks a page number (0 to {@code maxPage}) and a page size (1 to {@code maxSize}). */
    public static void checkPage(int page, int maxPage, int size, int maxSize) {
        if (page < 0 || page > maxPage) {
            throw ProblemException.badRequest("page", "must be 0 to " + maxPage);
        }
        if (size < 1 || size > maxSize) {
            throw ProblemException.badRequest("size", "must be 1 to " + maxSize);
        }
    }

    /** An enum constant, case-insensitive; null when absent or blank. */
    public static <E extends Enum<E>> E enumOf(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(field, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }

    /** An ISO-8601 instant; null when absent or blank. */
    public static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(field, "must be an ISO-8601 instant such as 2026-11-01T00:00:00Z");
        }
    }

    /** A period of time asked for with {@code from} and {@code to}. */
    public record Period(Instant from, Instant to) {
    }

    /**
     * The period {@code from} to {@code to} (ISO-8601 instants): {@code to} defaults to now, {@code from} to
     * {@code defaultLength} before {@code to}; a {@code from} not before {@code to} is a 400 naming {@code from}.
     */
    public static Period period(String from, String to, Duration defaultLength) {
        Instant end = instant("to", to);
        end = end == null ? Instant.now() : end;
        Instant start = instant("from", from);
        start = start == null ? end.minus(defaultLength) : start;
        if (!start.isBefore(end)) {
            throw ProblemException.badRequest("from", "must be before to");
        }
        return new Period(start, end);
    }

    /** A trimmed text value; null when absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
