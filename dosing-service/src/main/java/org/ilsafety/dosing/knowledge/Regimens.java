package org.ilsafety.dosing.knowledge;

import java.util.List;

/** The content of {@code seeds/knowledge/dosing/regimens.yaml}: labeled doses, forms and limits. */
public record Regimens(
        String knowledgeVersion,
        Limits limits,
        List<WeightUnit> weightUnits,
        List<Form> forms,
        Infusion infusion,
        List<Regimen> regimens) {

    public record Limits(double weightKgMin, double weightKgMax, double ageYearsMax, double doseRoundingMg, double doseMgMax,
            int maxIntervalDays, String source,
            boolean verified) {
    }

    public record WeightUnit(String unit, double kgPerUnit) {
    }

    public record Vial(double strengthMg, double volumeMl) {
    }

    public record Form(String id, String molecule, String route, Double concentrationMgPerMl, List<Vial> vials, Double unitDoseMg,
            Double unitVolumeMl, String description, String source, boolean verified) {
    }

    public record Bag(Double weightKgFrom, Double weightKgBelow, double diluentBagMl) {
        public boolean covers(double weightKg) {
            return (weightKgFrom == null || weightKg >= weightKgFrom) && (weightKgBelow == null || weightKg < weightKgBelow);
        }
    }

    public record Infusion(String id, String molecule, int minutes, List<Bag> bags, List<String> diluents, String warning,
            String source, boolean verified) {
    }

    public record MgPerKgRange(double min, double max, double startMin, double startMax, Double adjustStepMin,
            Double adjustStepMax) {
    }

    public record Renal(double creatinineClearanceBelowMlPerMin, String interval, Integer courseDoses) {
    }
}
