package dev.docstore.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of requests and writes against an oracle that knows only what was stored and removed: whatever
 * the policy decides, the resident keys must be those inserted less those evicted or removed, every victim must be
 * resident, and the total must be within the bound once the victims are gone. Each sequence comes from a seed, printed
 * on failure, so any failure replays exactly. The second test also changes the maximum now and then, lower or higher,
 * and checks the regions' own invariants after every step.
 */
class WindowTinyLfuPolicyModelTest {
    private static final int SEQUENCES = 300;
    private static final int OPERATIONS = 2_000;

    @Test
    void randomOperationsKeepThePolicyConsistentWithTheOracle() {
        runSequences(false);
    }

    @Test
    void changingTheMaximumAmongTheOperationsKeepsThePolicyConsistentAndWithinTheNewMaximum() {
        runSequences(true);
    }

    private static void runSequences(boolean changeMaximum) {
        for (long seed = 1; seed <= SEQUENCES; seed++) {
            try {
                runSequence(seed, changeMaximum);
            } catch (AssertionError failure) {
                throw new AssertionError("sequence with seed " + seed + " failed: " + failure.getMessage(), failure);
            }
        }
    }

    private static void runSequence(long seed, boolean changeMaximum) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean bySize = random.nextBoolean();
        long maximum = random.nextInt(50);
        int keySpace = 1 + random.nextInt(200);
        WindowTinyLfuPolicy<Integer> policy = bySize
                ? WindowTinyLfuPolicy.boundedBySize(maximum, seed)
                : WindowTinyLfuPolicy.boundedByWeight(maximum, seed);
        Map<Integer, Long> resident = new HashMap<>();

        for (int operation = 0; operation < OPERATIONS; operation++) {
            if (changeMaximum && random.nextInt(50) == 0) {
                // lower or higher, to 0 at times, and now and then a large jump either way
                maximum = random.nextInt(10) == 0 ? random.nextInt(500) : random.nextInt(50);
                Map<Integer, Long> before = Map.copyOf(resident);
                policy.setMaximum(maximum);
                assertThat(policy.maximum()).isEqualTo(maximum);
                assertThat(policy.size()).as("setMaximum itself removes nothing").isEqualTo(before.size());
                assertRegionsConsistent(policy, operation);
            }
            int key = random.nextInt(keySpace);
            long weight = bySize ? 1 : random.nextInt((int) Math.min(maximum, 1_000) + 10);
            switch (random.nextInt(4)) {
                case 0:
                    policy.recordAccess(key);
                    break;
                case 1:
                    if (!resident.containsKey(key)) {
                        policy.recordInsert(key, weight);
                        resident.put(key, weight);
                    }
                    break;
                case 2:
                    policy.recordUpdate(key, weight);
                    resident.put(key, weight);
                    break;
                default:
                    assertThat(policy.recordRemoval(key)).isEqualTo(resident.remove(key) != null);
                    break;
            }
            for (Integer victim = policy.nextVictim(); victim != null; victim = policy.nextVictim()) {
                assertThat(resident).as("victim %d at operation %d", victim, operation).containsKey(victim);
                resident.remove(victim);
                assertThat(policy.recordRemoval(victim)).isTrue();
            }

            long total = resident.values().stream().mapToLong(Long::longValue).sum();
            assertThat(policy.size()).as("size at operation %d", operation).isEqualTo(resident.size());
            assertThat(policy.weightedSize()).as("weighted size at operation %d", operation).isEqualTo(total)
                    .isLessThanOrEqualTo(maximum);
            if (changeMaximum) {
                assertRegionsConsistent(policy, operation);
            }
        }
        for (int key = 0; key < keySpace; key++) {
            assertThat(policy.contains(key)).as("key %d resident", key).isEqualTo(resident.containsKey(key));
        }
    }

    /**
     * What must hold of the regions whatever the maximum went through: the queues' weights add up to the total; a key
     * is in the overweight queue exactly when it is heavier than the maximum; the window has one unit at least (when
     * the maximum allows) and no more than the maximum; protected's maximum lies within the main space's, and
     * protected within its maximum.
     */
    private static void assertRegionsConsistent(WindowTinyLfuPolicy<Integer> policy, int operation) {
        Regions<Integer> regions = policy.regions();
        long maximum = policy.maximum();
        String at = "at operation " + operation + ", maximum " + maximum;
        assertThat(regions.window.weight() + regions.probation.weight() + regions.protectedSegment.weight()
                + regions.overweight.weight()).as("queue weights " + at).isEqualTo(policy.weightedSize());
        assertThat(regions.window.size() + regions.probation.size() + regions.protectedSegment.size()
                + regions.overweight.size()).as("queue sizes " + at).isEqualTo(policy.size());
        for (AccessOrderQueue<Integer> queue : List.of(regions.window, regions.probation,
                regions.protectedSegment)) {
            for (PolicyNode<Integer> node = queue.leastRecent(); node != null; node = node.moreRecent) {
                assertThat(node.weight).as("%s fits %s", node, at).isLessThanOrEqualTo(maximum);
            }
        }
        for (PolicyNode<Integer> node = regions.overweight.leastRecent(); node != null; node = node.moreRecent) {
            assertThat(node.weight).as("%s is overweight %s", node, at).isGreaterThan(maximum);
        }
        assertThat(regions.windowMaximum()).as("window maximum " + at)
                .isBetween(Math.min(1, maximum), maximum);
        assertThat(regions.protectedMaximum()).as("protected maximum " + at).isBetween(0L, regions.mainMaximum());
        assertThat(regions.protectedSegment.weight()).as("protected weight " + at)
                .isLessThanOrEqualTo(regions.protectedMaximum());
    }
}
