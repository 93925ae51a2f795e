package dev.docstore.benchmarks;

import java.util.SplittableRandom;

/**
 * Precomputed sequences of key indexes, so that drawing a key costs one array read in the measured code. Each sequence
 * is deterministic (fixed seed), so every provider in a run reads the same keys in the same order.
 */
final class KeySequences {
    /** Length of a sequence; a power of two so a thread's cursor wraps with a mask. */
    static final int LENGTH = 1 << 20;
    static final int MASK = LENGTH - 1;

    private KeySequences() {
    }

    /**
     * A sequence of {@link #LENGTH} indexes in {@code [0, keys)}.
     *
     * @param distribution {@code uniform}, or {@code zipf} (exponent 1: the most popular key is drawn about 8% of the
     *                     time with 100k keys); popularity ranks are shuffled over the keys so that hot keys are not
     *                     neighbours
     */
    static int[] of(String distribution, int keys) {
        SplittableRandom random = new SplittableRandom(42);
        int[] sequence = new int[LENGTH];
        switch (distribution) {
            case "uniform" -> {
                for (int i = 0; i < LENGTH; i++) {
                    sequence[i] = random.nextInt(keys);
                }
            }
            case "zipf" -> {
                double[] cumulative = new double[keys];
                double sum = 0;
                for (int rank = 0; rank < keys; rank++) {
                    sum += 1.0 / (rank + 1);
                    cumulative[rank] = sum;
                }
                int[] keyOfRank = shuffled(keys, random);
                for (int i = 0; i < LENGTH; i++) {
                    double u = random.nextDouble() * sum;
                    int rank = firstAtLeast(cumulative, u);
                    sequence[i] = keyOfRank[rank];
                }
            }
            default -> throw new IllegalArgumentException("unknown key distribution: " + distribution);
        }
        return sequence;
    }

    private static int[] shuffled(int n, SplittableRandom random) {
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        return permutation;
    }

    private static int firstAtLeast(double[] cumulative, double u) {
        int low = 0;
        int high = cumulative.length - 1;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (cumulative[middle] < u) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
