package org.ilsafety.dosing.calculation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.ilsafety.dosing.knowledge.Regimens.Vial;

/** Chooses the combination of single-dose vials that covers a dose with the least waste, then the fewest vials. */
public final class VialSelector {
    private VialSelector() {
    }

    public static List<VialCount> select(double doseMg, List<Vial> vials) {
        List<Vial> sorted = new ArrayList<>(vials);
        sorted.sort(Comparator.comparingDouble(Vial::strengthMg).reversed());
        Search search = new Search(sorted, doseMg);
        search.run(0, 0, new int[sorted.size()]);
        int[] best = search.best;
        List<VialCount> result = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            if (best[i] > 0) {
                result.add(new VialCount(sorted.get(i).strengthMg(), sorted.get(i).volumeMl(), best[i]));
            }
        }
        return result;
    }

    public static double totalMg(List<VialCount> counts) {
        return counts.stream().mapToDouble(c -> c.strengthMg() * c.count()).sum();
    }

    private static final class Search {
        private final List<Vial> vials;
        private final double doseMg;
        private int[] best;
        private double bestTotal = Double.MAX_VALUE;
        private int bestCount = Integer.MAX_VALUE;

        Search(List<Vial> vials, double doseMg) {
            this.vials = vials;
            this.doseMg = doseMg;
        }

        void run(int index, double sum, int[] counts) {
            if (index == vials.size() - 1) {
                double strength = vials.get(index).strengthMg();
                counts[index] = (int) Math.max(0, Math.ceil((doseMg - sum - 1e-9) / strength));
                consider(sum + counts[index] * strength, counts);
                return;
            }
            double strength = vials.get(index).strengthMg();
            int max = (int) Math.ceil(Math.max(0, doseMg - sum) / strength);
            for (int n = 0; n <= max; n++) {
                counts[index] = n;
                run(index + 1, sum + n * strength, counts);
            }
        }

        private void consider(double total, int[] counts) {
            int count = 0;
            for (int c : counts) {
                count += c;
            }
            if (total < bestTotal - 1e-9 || (Math.abs(total - bestTotal) < 1e-9 && count < bestCount)) {
                bestTotal = total;
                bestCount = count;
                best = counts.clone();
            }
        }
    }
}
