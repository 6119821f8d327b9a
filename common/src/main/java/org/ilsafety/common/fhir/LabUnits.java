package org.ilsafety.common.fhir;

import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.config.SuiteConfig;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumService;
import org.ilsafety.common.knowledge.Knowledge;
import org.ilsafety.common.knowledge.KnowledgeLoader;

/**
 * Reads a result's unit and converts between units: the UCUM code when it is valid UCUM (any valid unit:
 * {@code /nL}, {@code 10*3/mm3}, ...), else a spelling from {@code lab-units.yaml} ({@code 10^9/L},
 * {@code K/uL}, {@code cells/uL}), else nothing (the result is ungradable and says so).
 */
@ApplicationScoped
public class LabUnits {
    private final UcumService ucum;
    private final Knowledge<Spellings> spellings;

    @Inject
    public LabUnits(SuiteConfig config) {
        this(config.knowledge().dir());
    }

    public LabUnits(Optional<String> directory) {
        this(KnowledgeLoader.load(directory, "lab-units.yaml", Spellings.class));
    }

    public LabUnits(Knowledge<Spellings> spellings) {
        this.spellings = spellings;
        try (InputStream essence = UcumEssenceService.class.getClassLoader().getResourceAsStream("ucum-essence.xml")) {
            this.ucum = new UcumEssenceService(essence);
        } catch (Exception e) {
            throw new IllegalStateException("The UCUM definitions could not be loaded", e);
        }
    }

    public record Spellings(String knowledgeVersion, String source, List<Spelling> spellings) {
    }

    public record Spelling(String spelling, String ucum, boolean verified) {
    }

    /** The UCUM unit a reported unit means: a listed spelling first, else the unit itself when valid UCUM. */
    public Optional<String> ucum(String unit) {
        if (unit == null || unit.isBlank()) {
            return Optional.empty();
        }
        String trimmed = unit.trim();
        for (Spelling s : spellings.content().spellings()) {
            if (s.spelling().equals(trimmed)) {
                return Optional.of(s.ucum());
            }
        }
        if (ucum.validate(trimmed) == null) {
            return Optional.of(trimmed);
        }
        String lower = trimmed.toLowerCase(Locale.ROOT);
        return spellings.content().spellings().stream().filter(s -> s.spelling().toLowerCase(Locale.ROOT).equals(lower)).map(Spelling::ucum)
                .findFirst();
    }

    /** The factor that converts a value in {@code from} to {@code to}; empty when either is unknown or they do not convert. */
    public OptionalDouble factor(String from, String to) {
        Optional<String> source = ucum(from);
        Optional<String> target = ucum(to);
        if (source.isEmpty() || target.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (source.get().equals(target.get())) {
            return OptionalDouble.of(1);
        }
        try {
            Decimal converted = ucum.convert(new Decimal("1"), source.get(), target.get());
            double factor = Double.parseDouble(converted.asDecimal());
            return Double.isFinite(factor) && factor > 0 ? OptionalDouble.of(factor) : OptionalDouble.empty();
        } catch (Exception notConvertible) {
            return OptionalDouble.empty();
        }
    }

    public Knowledge<Spellings> knowledge() {
        return spellings;
    }
}
