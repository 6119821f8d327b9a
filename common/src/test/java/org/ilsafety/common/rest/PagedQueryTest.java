package org.ilsafety.common.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PagedQueryTest {

    @Test
    void aFilterNotGivenAddsNoConditionAndTheOthersAreNumberedInOrder() {
        PagedQuery query = new PagedQuery().when("status = ?", "OPEN").when("severity = ?", null).always("closed_at IS NULL")
                .when("rule_id = ?", "rule.x");
        assertEquals(" WHERE status = ?1 AND closed_at IS NULL AND rule_id = ?2", query.where());
    }

    @Test
    void noFilterIsNoWhereClause() {
        assertEquals("", new PagedQuery().when("status = ?", null).where());
    }
}
