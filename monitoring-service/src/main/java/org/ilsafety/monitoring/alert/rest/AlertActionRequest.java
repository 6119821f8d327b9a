package org.ilsafety.monitoring.alert.rest;

import jakarta.validation.constraints.Size;

/** Why an alert is acknowledged or resolved (optional); who is the caller named by the token. */
public record AlertActionRequest(@Size(max = 2000) String reason) {
}
