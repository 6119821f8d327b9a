package org.ilsafety.interaction.check;

import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.interaction.InteractionConfig;

/** Today's date in the hospital's time zone ({@code interaction.zone}, UTC by default). */
@ApplicationScoped
public class Today {
    private final ZoneId zone;

    @Inject
    public Today(InteractionConfig config) {
        this(config.zone());
    }

    public Today(String zone) {
        this.zone = ZoneId.of(zone);
    }

    public LocalDate date() {
        return LocalDate.now(zone);
    }

    public ZoneId zone() {
        return zone;
    }
}
