package org.ilsafety.console;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The claims of a bearer token the console passes on, read only to show who is signed in and which pages
 * to offer. The console never trusts them for access: every service verifies the token itself.
 */
final class Jwt {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jwt() {
    }

    static SignedInUser user(String token, String rolesClaim) {
        String[] parts = token.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a JSON Web Token");
        }
        try {
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            List<String> roles = new ArrayList<>();
            JsonNode node = claims;
            for (String step : rolesClaim.split("/")) {
                node = node.path(step);
            }
            node.forEach(role -> roles.add(role.asText()));
            Instant expires = claims.has("exp") ? Instant.ofEpochSecond(claims.path("exp").asLong()) : Instant.now().plusSeconds(3600);
            return new SignedInUser(claims.path("sub").asText("unknown"), List.copyOf(roles), token, expires);
        } catch (java.io.IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a readable JSON Web Token", e);
        }
    }
}
