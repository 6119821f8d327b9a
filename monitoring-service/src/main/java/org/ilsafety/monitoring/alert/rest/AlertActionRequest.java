package org.ilsafety.monitoring.alert.rest;

import jakarta.validation.constraints.Size;

/** Why an alert is acknowledged or resolved (optional, as is the whole body); who is the caller named by the token. */
public record AlertActionRequest(@Size(max = 2000) String reason) {
    /** The reason of a request that may have no body at all. */
    public static String reasonOf(AlertActionRequest request) {
        return request == null ? null : request.reason();
    }
}
