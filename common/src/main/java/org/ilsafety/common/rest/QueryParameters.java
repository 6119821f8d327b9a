package org.ilsafety.common.rest;

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

    /** A trimmed text value; null when absent or blank. */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
