package org.ilsafety.console;

import java.time.Instant;
import java.util.List;

/** Who is signed in: the token's subject and roles, and the token itself, passed on to the services. */
@io.quarkus.qute.TemplateData
public record SignedInUser(String subject, List<String> roles, String token, Instant expiresAt) {

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Clinicians and pharmacists see patients and act on alerts; a dashboard sees pseudonyms and cannot act. */
    public boolean clinical() {
        return has("clinician") || has("pharmacist");
    }

    public boolean canAct() {
        return clinical();
    }

    public boolean seesWorklist() {
        return clinical() || has("dashboard");
    }

    public boolean seesOperations() {
        return has("dashboard") || has("pharmacist") || has("integration");
    }

    public boolean seesBurden() {
        return clinical() || has("dashboard");
    }

    public String rolesText() {
        return String.join(", ", roles);
    }

    public String home() {
        return seesWorklist() ? "/worklist" : "/operations";
    }
}
