package org.ilsafety.common.util;

import java.util.HashMap;
import java.util.Map;

import jakarta.transaction.TransactionSynchronizationRegistry;

/** Maps that live as long as the current transaction (a rollback or a commit forgets them). */
public final class TransactionMaps {
    private TransactionMaps() {
    }

    /** The transaction's map under {@code key}, created empty on first use. */
    @SuppressWarnings("unchecked")
    public static <K, V> Map<K, V> of(TransactionSynchronizationRegistry registry, Object key) {
        Map<K, V> map = (Map<K, V>) registry.getResource(key);
        if (map == null) {
            map = new HashMap<>();
            registry.putResource(key, map);
        }
        return map;
    }
}
