package dev.docstore.benchmarks.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A ratio of two benchmarks' mean scores with its confidence interval, from the raw iteration scores of both: a
 * two-level percentile bootstrap. Each of {@value #RESAMPLES} resamples rebuilds each side by drawing as many forks as
 * it has, with replacement, and within each drawn fork as many of its iterations, with replacement; the interval runs
 * between the {@code (1 - LEVEL) / 2} and {@code (1 + LEVEL) / 2} quantiles of the resampled ratios. Drawing forks
 * first carries the spread between forks (JIT decisions, memory layout), which JMH's own score error leaves out, into
 * the interval; drawing iterations as well makes it a little wider than a one-level bootstrap would, which with
 * three forks is the safe side. A fixed seed makes a report reproducible from its JSON.
 */
final class RatioInterval {
    /** The confidence level, JMH's own for its score error. */
    static final double LEVEL = 0.999;
    static final int RESAMPLES = 20_000;
    private static final long SEED = 20_261_127L;

    /** A ratio and the bounds of its interval. */
    record Ratio(double value, double low, double high) {
    }

    private RatioInterval() {
    }

    /**
     * The ratio of the mean of {@code numerator} to the mean of {@code denominator}, each given as one array per fork
     * of iteration scores.
     */
    static Ratio of(double[][] numerator, double[][] denominator) {
        SplittableRandom random = new SplittableRandom(SEED);
        double[] ratios = new double[RESAMPLES];
        for (int resample = 0; resample < RESAMPLES; resample++) {
            ratios[resample] = resampledMean(numerator, random) / resampledMean(denominator, random);
        }
        Arrays.sort(ratios);
        int low = (int) Math.floor((1 - LEVEL) / 2 * RESAMPLES);
        int high = (int) Math.ceil((1 + LEVEL) / 2 * RESAMPLES) - 1;
        return new Ratio(mean(numerator) / mean(denominator), ratios[low], ratios[high]);
    }

    private static double resampledMean(double[][] forks, SplittableRandom random) {
        double sum = 0;
        int count = 0;
        for (int drawn = 0; drawn < forks.length; drawn++) {
            double[] fork = forks[random.nextInt(forks.length)];
            for (int iteration = 0; iteration < fork.length; iteration++) {
                sum += fork[random.nextInt(fork.length)];
                count++;
            }
        }
        return sum / count;
    }

    /** The mean of every iteration of every fork: JMH's score. */
    static double mean(double[][] forks) {
        double sum = 0;
        int count = 0;
        for (double[] fork : forks) {
            for (double score : fork) {
                sum += score;
                count++;
            }
        }
        return sum / count;
    }
}
