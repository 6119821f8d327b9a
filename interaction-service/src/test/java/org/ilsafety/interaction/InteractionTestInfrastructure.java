package org.ilsafety.interaction;

import org.ilsafety.interaction.cds.TestEcEhr;
import org.ilsafety.testsupport.SuiteTestInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/**
 * Every @QuarkusTest of this module runs against a real PostgreSQL and a real Kafka broker, and trusts a
 * second CDS Hooks client that signs ES256 ({@link TestEcEhr}) besides the local EHR.
 */
@QuarkusTestResource(value = SuiteTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "interaction-service"))
@QuarkusTestResource(TestEcEhr.class)
public final class InteractionTestInfrastructure {
    private InteractionTestInfrastructure() {
    }
}
