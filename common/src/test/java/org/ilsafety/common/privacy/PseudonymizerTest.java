package org.ilsafety.common.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.runtime.LaunchMode;

class PseudonymizerTest {
    private static final String RANDOM_KEY = "Zr4nQ0s8v2Jk6LmP1xYw9TcB3dHf5GaE";

    @Test
    void productionModeRefusesToStartWithoutAKeyOfItsOwn() {
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> Pseudonymizer.requireKey(Optional.empty(), LaunchMode.NORMAL));
        assertTrue(missing.getMessage().contains("SUITE_PSEUDONYM_KEY"));
        assertThrows(IllegalStateException.class, () -> Pseudonymizer.requireKey(Optional.of("  "), LaunchMode.NORMAL));
        assertThrows(IllegalStateException.class, () -> Pseudonymizer.requireKey(Optional.of(Pseudonymizer.DEVELOPMENT_KEY), LaunchMode.NORMAL));
        assertThrows(IllegalStateException.class, () -> Pseudonymizer.requireKey(Optional.of("short-secret"), LaunchMode.NORMAL));
        assertEquals(RANDOM_KEY, Pseudonymizer.requireKey(Optional.of(RANDOM_KEY), LaunchMode.NORMAL));
    }

    @Test
    void devModeMayUseTheDevelopmentKeyButNeedsOne() {
        assertEquals(Pseudonymizer.DEVELOPMENT_KEY, Pseudonymizer.requireKey(Optional.of(Pseudonymizer.DEVELOPMENT_KEY), LaunchMode.DEVELOPMENT));
        assertThrows(IllegalStateException.class, () -> Pseudonymizer.requireKey(Optional.empty(), LaunchMode.DEVELOPMENT));
    }

    @Test
    void theKeyDecidesThePseudonym() {
        Pseudonymizer one = new Pseudonymizer(RANDOM_KEY);
        assertEquals(one.of("MRN-4711"), new Pseudonymizer(RANDOM_KEY).of("MRN-4711"));
        assertNotEquals(one.of("MRN-4711"), new Pseudonymizer(Pseudonymizer.DEVELOPMENT_KEY).of("MRN-4711"));
        assertTrue(one.of("MRN-4711").startsWith("p-"));
    }
}
