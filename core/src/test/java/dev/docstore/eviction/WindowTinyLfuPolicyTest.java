package dev.docstore.eviction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WindowTinyLfuPolicyTest {
    private static final long SEED = 42;

    @Test
    void neverOverTheBoundOnceTheVictimsAreEvicted() {
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedBySize(100, SEED);
        SplittableRandom random = new SplittableRandom(1);
        for (int request = 0; request < 20_000; request++) {
            int key = random.nextInt(1_000);
            if (policy.contains(key)) {
                policy.recordAccess(key);
            } else {
                policy.recordInsert(key, 1);
                evictAll(policy);
                assertThat(policy.weightedSize()).isLessThanOrEqualTo(100);
                assertThat(policy.size()).isLessThanOrEqualTo(100);
            }
        }
        assertThat(policy.size()).isEqualTo(100);
    }

    @Test
    void aSkippedVictimStaysResidentAndTheBoundIsStillReached() {
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedBySize(10, SEED);
        SplittableRandom random = new SplittableRandom(3);
        Set<Integer> busy = new HashSet<>();
        for (int request = 0; request < 5_000; request++) {
            int key = random.nextInt(100);
            if (policy.contains(key)) {
                policy.recordAccess(key);
                continue;
            }
            policy.recordInsert(key, 1);
            // a few keys are "busy": their owner cannot evict them now, and passes over them
            busy.clear();
            random.ints(3, 0, 100).forEach(busy::add);
            for (Integer victim = policy.nextVictim(); victim != null; victim = policy.nextVictim()) {
                if (busy.remove(victim)) {
                    policy.skipVictim();
                    assertThat(policy.contains(victim)).as("skipped, not removed").isTrue();
                } else {
                    policy.recordRemoval(victim);
                }
            }
            assertThat(policy.weightedSize()).isLessThanOrEqualTo(10);
        }
        policy.skipVictim(); // nothing pending: no effect
        assertThat(policy.size()).isEqualTo(10);
    }

    @Test
    void everyResidentKeyIsCountedOnce() {
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedBySize(10, SEED);
        policy.recordInsert("a", 1);
        policy.recordInsert("a", 1);
        policy.recordUpdate("a", 1);
        policy.recordUpdate("b", 1);
        policy.recordAccess("a");

        assertThat(policy.size()).isEqualTo(2);
        assertThat(policy.weightedSize()).isEqualTo(2);
        assertThat(policy.nextVictim()).isNull();
    }

    @Test
    void boundedBySizeEveryKeyWeighsOne() {
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedBySize(2, SEED);
        policy.recordInsert("a", 1_000);
        policy.recordInsert("b", 0);

        assertThat(policy.weightedSize()).isEqualTo(2);
        assertThat(policy.nextVictim()).isNull();
    }

    @Test
    void anEntryHeavierThanTheMaximumIsTheNextVictim() {
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedByWeight(100, SEED);
        policy.recordInsert("light", 10);
        policy.recordInsert("heavy", 101);

        assertThat(policy.nextVictim()).isEqualTo("heavy");
        policy.recordAccess("heavy");
        assertThat(policy.nextVictim()).as("the same victim until it is removed").isEqualTo("heavy");
        assertThat(policy.recordRemoval("heavy")).isTrue();
        assertThat(policy.nextVictim()).isNull();
        assertThat(policy.weightedSize()).isEqualTo(10);
    }

    @Test
    void anUpdateChangesTheWeight() {
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedByWeight(100, SEED);
        policy.recordInsert("a", 40);
        policy.recordInsert("b", 40);
        assertThat(policy.nextVictim()).isNull();

        policy.recordUpdate("a", 70);

        assertThat(policy.weightedSize()).isEqualTo(110);
        List<String> victims = evictAll(policy);
        assertThat(victims).hasSize(1);
        assertThat(policy.weightedSize()).isLessThanOrEqualTo(100);
    }

    @Test
    void anUpdateCanMakeAnEntryTooHeavyAndLightAgain() {
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedByWeight(100, SEED);
        policy.recordInsert("a", 10);
        policy.recordInsert("b", 10);

        policy.recordUpdate("a", 500);
        assertThat(policy.nextVictim()).isEqualTo("a");
        policy.recordRemoval("a");

        policy.recordInsert("c", 200);
        policy.recordUpdate("c", 20);
        assertThat(policy.nextVictim()).isNull();
        assertThat(policy.weightedSize()).isEqualTo(30);
    }

    @Test
    void weightlessEntriesNeverNeedEviction() {
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedByWeight(1, SEED);
        for (int key = 0; key < 1_000; key++) {
            policy.recordInsert(key, 0);
        }

        assertThat(policy.size()).isEqualTo(1_000);
        assertThat(policy.nextVictim()).isNull();
    }

    @Test
    void removalForgetsTheKey() {
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedByWeight(100, SEED);
        policy.recordInsert("a", 30);

        assertThat(policy.recordRemoval("a")).isTrue();
        assertThat(policy.recordRemoval("a")).isFalse();
        assertThat(policy.contains("a")).isFalse();
        assertThat(policy.weightedSize()).isZero();
    }

    @Test
    void negativeWeightsAndMaximumsAreRejected() {
        assertThatIllegalArgumentException().isThrownBy(() -> WindowTinyLfuPolicy.boundedByWeight(-1, SEED));
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedByWeight(100, SEED);
        assertThatIllegalArgumentException().isThrownBy(() -> policy.recordInsert("a", -1));
    }

    @Test
    void loweringTheMaximumNamesVictimsUntilWithinIt() {
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedBySize(100, SEED);
        for (int key = 0; key < 100; key++) {
            policy.recordInsert(key, 1);
        }
        assertThat(policy.nextVictim()).isNull();

        policy.setMaximum(30);

        assertThat(policy.size()).as("nothing leaves until the owner removes the victims").isEqualTo(100);
        List<Integer> victims = evictAll(policy);
        assertThat(victims).hasSize(70).doesNotHaveDuplicates();
        assertThat(policy.weightedSize()).isEqualTo(30);
        assertThat(policy.maximum()).isEqualTo(30);
    }

    @Test
    void raisingTheMaximumKeepsEveryKeyAndMakesRoomForMore() {
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedBySize(10, SEED);
        for (int key = 0; key < 10; key++) {
            policy.recordInsert(key, 1);
        }

        policy.setMaximum(50);

        assertThat(policy.nextVictim()).isNull();
        for (int key = 10; key < 60; key++) {
            policy.recordInsert(key, 1);
            evictAll(policy);
        }
        assertThat(policy.size()).isEqualTo(50);
    }

    @Test
    void aRaisedSizeBoundGrowsTheFrequencySketch() {
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedBySize(100, SEED);
        policy.setMaximum(10_000);
        assertThat(policy.sketchCapacity()).isGreaterThanOrEqualTo(10_000);
        policy.setMaximum(50);
        assertThat(policy.sketchCapacity()).as("a sketch never shrinks: its counts stay useful")
                .isGreaterThanOrEqualTo(10_000);
    }

    @Test
    void theWindowKeepsItsShareAcrossAChangeOfMaximum() {
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedBySize(1_000, SEED);
        // a recency-biased loop a little larger than the cache: the climber grows the window
        SplittableRandom random = new SplittableRandom(3);
        for (int request = 0; request < 200_000; request++) {
            int key = request % 1_100 + (random.nextInt(20) == 0 ? 10_000 + random.nextInt(100_000) : 0);
            if (policy.contains(key)) {
                policy.recordAccess(key);
            } else {
                policy.recordInsert(key, 1);
                evictAll(policy);
            }
        }
        long window = policy.windowMaximum();
        assertThat(window).as("the climber moved the window off its initial 1%").isNotEqualTo(10);

        policy.setMaximum(10_000);

        assertThat(policy.windowMaximum()).isCloseTo(window * 10, offset(10L));
    }

    @Test
    void aLoweredWeightBoundMakesKeysHeavierThanItTheFirstVictimsAndARaisedOneLetsThemStay() {
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedByWeight(100, SEED);
        policy.recordInsert("light", 10);
        policy.recordInsert("heavy", 60);

        policy.setMaximum(50);
        assertThat(policy.nextVictim()).isEqualTo("heavy");

        policy.setMaximum(100);
        assertThat(policy.nextVictim()).as("it fits again").isNull();
        assertThat(policy.weightedSize()).isEqualTo(70);
    }

    @Test
    void aNegativeMaximumIsRefusedAndChangesNothing() {
        WindowTinyLfuPolicy<String> policy = WindowTinyLfuPolicy.boundedBySize(10, SEED);
        policy.recordInsert("a", 1);
        long window = policy.windowMaximum();

        assertThatIllegalArgumentException().isThrownBy(() -> policy.setMaximum(-1)).withMessageContaining("-1");

        assertThat(policy.maximum()).isEqualTo(10);
        assertThat(policy.windowMaximum()).isEqualTo(window);
        assertThat(policy.contains("a")).isTrue();
    }

    @Test
    void aHotSetSurvivesAScanThatAnLruLosesItTo() {
        int maximum = 100;
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedBySize(maximum, SEED);
        Map<Integer, Boolean> lru = new LinkedHashMap<>(16, 0.75f, true);
        List<Integer> hotSet = new ArrayList<>();
        for (int key = 0; key < 50; key++) {
            hotSet.add(key);
        }
        for (int round = 0; round < 10; round++) {
            hotSet.forEach(key -> request(policy, lru, maximum, key));
        }

        // a one-time scan of ten times as many distinct keys as the cache holds
        for (int key = 1_000; key < 2_000; key++) {
            request(policy, lru, maximum, key);
        }

        assertThat(hotSet).noneMatch(lru::containsKey);
        assertThat(hotSet.stream().filter(policy::contains).count()).isGreaterThanOrEqualTo(45);
    }

    @Test
    void theSameRequestsGiveTheSameVictims() {
        assertThat(victimsOfARandomWorkload(7)).isEqualTo(victimsOfARandomWorkload(7)).isNotEmpty();
    }

    private static List<Integer> victimsOfARandomWorkload(long seed) {
        WindowTinyLfuPolicy<Integer> policy = WindowTinyLfuPolicy.boundedByWeight(500, seed);
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> victims = new ArrayList<>();
        for (int request = 0; request < 20_000; request++) {
            // skewed: low keys are requested far more often, so frequencies and admissions matter
            int key = (int) Math.floor(Math.pow(random.nextDouble(), 3) * 2_000);
            if (policy.contains(key)) {
                policy.recordAccess(key);
            } else {
                policy.recordInsert(key, 1 + random.nextInt(10));
                victims.addAll(evictAll(policy));
            }
        }
        return victims;
    }

    private static void request(WindowTinyLfuPolicy<Integer> policy, Map<Integer, Boolean> lru, int maximum, int key) {
        if (policy.contains(key)) {
            policy.recordAccess(key);
        } else {
            policy.recordInsert(key, 1);
            evictAll(policy);
        }
        lru.put(key, Boolean.TRUE);
        if (lru.size() > maximum) {
            lru.remove(lru.keySet().iterator().next());
        }
    }

    private static <K> List<K> evictAll(WindowTinyLfuPolicy<K> policy) {
        List<K> victims = new ArrayList<>();
        for (K victim = policy.nextVictim(); victim != null; victim = policy.nextVictim()) {
            assertThat(policy.contains(victim)).as("victim %s is resident", victim).isTrue();
            victims.add(victim);
            policy.recordRemoval(victim);
        }
        return victims;
    }
}
