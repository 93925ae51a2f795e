package dev.docstore.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrequencySketchTest {
    @Test
    void aFrequentKeyIsEstimatedAboveRareOnes() {
        FrequencySketch sketch = new FrequencySketch(1_000);
        for (int round = 0; round < 10; round++) {
            sketch.increment("hot");
        }
        for (int key = 0; key < 500; key++) {
            sketch.increment(key);
        }

        assertThat(sketch.frequency("hot")).isEqualTo(10);
        for (int key = 0; key < 500; key++) {
            assertThat(sketch.frequency(key)).as("key %d", key).isLessThan(10);
        }
        assertThat(sketch.frequency("never seen")).isLessThan(10);
    }

    @Test
    void countersSaturateAtFifteen() {
        FrequencySketch sketch = new FrequencySketch(1_000);
        for (int round = 0; round < 100; round++) {
            sketch.increment("hot");
        }

        assertThat(sketch.frequency("hot")).isEqualTo(FrequencySketch.MAXIMUM_FREQUENCY);
    }

    @Test
    void agingHalvesEveryCount() {
        FrequencySketch sketch = new FrequencySketch(1_000);
        for (int round = 0; round < 12; round++) {
            sketch.increment("hot");
        }
        for (int round = 0; round < 5; round++) {
            sketch.increment("warm");
        }

        sketch.age();

        assertThat(sketch.frequency("hot")).isEqualTo(6);
        assertThat(sketch.frequency("warm")).isEqualTo(2);
    }

    @Test
    void agingComesByItselfAfterOneSampleOfIncrements() {
        FrequencySketch sketch = new FrequencySketch(100);
        for (int round = 0; round < 14; round++) {
            sketch.increment("hot");
        }
        for (int key = 0; key < sketch.sampleSize() - 15; key++) {
            sketch.increment(key);
        }
        assertThat(sketch.frequency("hot")).isGreaterThanOrEqualTo(14);

        sketch.increment("hot");

        assertThat(sketch.frequency("hot")).isBetween(7, 8);
    }
}
