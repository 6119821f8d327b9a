package org.ilsafety.monitoring.alert.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Who acknowledges or resolves an alert, and optionally why. */
public record AlertActionRequest(@NotBlank @Size(max = 128) String by, @Size(max = 2000) String reason) {
}
