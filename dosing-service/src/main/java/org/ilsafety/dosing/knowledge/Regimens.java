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
            Double unitVolumeMl, Graduations graduations, String description, String source, boolean verified) {
    }

    /** The marks of a graduated syringe: the smallest measurable dose and the step between marks. */
    public record Graduations(double minMg, double stepMg, String source, boolean verified) {
    }

    /** A diluent bag for the indications it lists (every indication when none are listed) and a weight band. */
    public record Bag(List<String> indications, Double weightKgFrom, Double weightKgBelow, double diluentBagMl) {
        public boolean covers(String indication, double weightKg) {
            return (indications == null || indications.isEmpty() || indications.contains(indication))
                    && (weightKgFrom == null || weightKg >= weightKgFrom) && (weightKgBelow == null || weightKg < weightKgBelow);
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
