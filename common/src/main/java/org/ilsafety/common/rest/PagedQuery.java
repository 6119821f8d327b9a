package org.ilsafety.common.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Query;

/**
 * A filtered, paged read (a worklist, a dashboard): the conditions of the filters given, one {@code WHERE} clause with
 * ordinal parameters ({@code ?1}, {@code ?2}: the same in JPQL and native SQL), the page's rows from {@code page * size}
 * and the total count of the rows that match.
 */
public final class PagedQuery {
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();

    /** One page of rows and how many match in all. */
    public record Page<T>(List<T> items, long total) {
    }

    /** Adds {@code condition} (one {@code ?} for {@code value}) when a value is given; a null value filters nothing. */
    public PagedQuery when(String condition, Object value) {
        if (value != null) {
            parameters.add(value);
            conditions.add(condition.replace("?", "?" + parameters.size()));
        }
        return this;
    }

    /** Adds a condition without a parameter. */
    public PagedQuery always(String condition) {
        conditions.add(condition);
        return this;
    }

    /** {@code " WHERE a AND b"}, or empty when no filter is given. */
    public String where() {
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    /** Binds the parameters to both queries, reads the page of {@code rows} and the {@code count}. */
    @SuppressWarnings("unchecked")
    public <T> Page<T> page(Query rows, Query count, int page, int size) {
        for (int i = 0; i < parameters.size(); i++) {
            rows.setParameter(i + 1, parameters.get(i));
            count.setParameter(i + 1, parameters.get(i));
        }
        List<T> items = rows.setFirstResult(page * size).setMaxResults(size).getResultList();
        return new Page<>(items, ((Number) count.getSingleResult()).longValue());
    }
}
