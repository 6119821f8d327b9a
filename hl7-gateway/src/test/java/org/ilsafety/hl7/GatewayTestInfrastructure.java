package org.ilsafety.hl7;

import org.ilsafety.testsupport.SuiteTestInfrastructure;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every @QuarkusTest of this module runs against a real PostgreSQL and a real Kafka broker. */
@QuarkusTestResource(value = SuiteTestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "hl7-gateway"))
public final class GatewayTestInfrastructure {
    private GatewayTestInfrastructure() {
    }
}
