package org.ilsafety.hl7;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.ilsafety.hl7.mllp.MllpServer;

/** Ready when the MLLP port is listening (the broker and database have their own checks). */
@Readiness
@ApplicationScoped
public class MllpReadiness implements HealthCheck {
    private final MllpServer server;

    public MllpReadiness(MllpServer server) {
        this.server = server;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("mllp").status(server.listening()).withData("port", server.port()).build();
    }
}
