package org.ilsafety.monitoring.knowledge;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.ilsafety.common.config.SuiteConfig;
import org.ilsafety.common.knowledge.Knowledge;
import org.ilsafety.common.knowledge.KnowledgeLoader;

/** The monitoring knowledge base, loaded once at start from {@code seeds/knowledge/monitoring/}. */
@ApplicationScoped
public class MonitoringKnowledge {
    private final Knowledge<LabRules> labRules;
    private final Knowledge<Screening> screening;
    private final Knowledge<Schedules> schedules;
    private final Knowledge<InfectionKnowledge> infections;
    private final Map<String, LabRules.Analyte> byLoinc = new HashMap<>();
    private final Map<String, LabRules.Analyte> byId = new HashMap<>();

    /** The knowledge in {@code suite.knowledge.dir} when set, else the packaged copy. */
    @Inject
    public MonitoringKnowledge(SuiteConfig config) {
        this(config.knowledge().dir());
    }

    private MonitoringKnowledge(Optional<String> directory) {
        this(KnowledgeLoader.load(directory, "monitoring/lab-rules.yaml", LabRules.class),
                KnowledgeLoader.load(directory, "monitoring/screening.yaml", Screening.class),
                KnowledgeLoader.load(directory, "monitoring/schedule.yaml", Schedules.class),
                KnowledgeLoader.load(directory, "monitoring/infections.yaml", InfectionKnowledge.class));
    }

    public MonitoringKnowledge(Knowledge<LabRules> labRules, Knowledge<Screening> screening, Knowledge<Schedules> schedules,
            Knowledge<InfectionKnowledge> infections) {
        this.labRules = labRules;
        this.infections = infections;
        this.screening = screening;
        this.schedules = schedules;
        for (LabRules.Analyte analyte : labRules.content().analytes()) {
            byId.put(analyte.id(), analyte);
            analyte.codes().forEach(code -> byLoinc.put(code.loinc(), analyte));
        }
    }

    /** Loads the packaged knowledge (for plain unit tests and benchmarks). */
    public static MonitoringKnowledge packaged() {
        return new MonitoringKnowledge(Optional.empty());
    }

    public Optional<LabRules.Analyte> analyteByLoinc(String loinc) {
        return Optional.ofNullable(byLoinc.get(loinc));
    }

    public Optional<LabRules.Analyte> analyte(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Knowledge<LabRules> labRules() {
        return labRules;
    }

    public Knowledge<Screening> screening() {
        return screening;
    }

    public Knowledge<Schedules> schedules() {
        return schedules;
    }

    /** The infection value set and the serious-infection rule of each drug. */
    public Knowledge<InfectionKnowledge> infections() {
        return infections;
    }
}
