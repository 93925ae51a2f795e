package dev.docstore.eviction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Random sequences of requests and writes against an oracle that knows only what was stored and removed: whatever
 * the policy decides, the resident keys must be those inserted less those evicted or removed, every victim must be
 * resident, and the total must be within the bound once the victims are gone. Each sequence comes from a seed, printed
 * on failure, so any failure replays exactly.
 */
class WindowTinyLfuPolicyModelTest {
    private static final int SEQUENCES = 300;
    private static final int OPERATIONS = 2_000;

    @Test
    void randomOperationsKeepThePolicyConsistentWithTheOracle() {
        for (long seed = 1; seed <= SEQUENCES; seed++) {
            try {
                runSequence(seed);
            } catch (AssertionError failure) {
                throw new AssertionError("sequence with seed " + seed + " failed: " + failure.getMessage(), failure);
            }
        }
    }

    private static void runSequence(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean bySize = random.nextBoolean();
        long maximum = random.nextInt(50);
        int keySpace = 1 + random.nextInt(200);
        WindowTinyLfuPolicy<Integer> policy = bySize
                ? WindowTinyLfuPolicy.boundedBySize(maximum, seed)
                : WindowTinyLfuPolicy.boundedByWeight(maximum, seed);
        Map<Integer, Long> resident = new HashMap<>();

        for (int operation = 0; operation < OPERATIONS; operation++) {
            int key = random.nextInt(keySpace);
            long weight = bySize ? 1 : random.nextInt((int) maximum + 10);
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
        }
        for (int key = 0; key < keySpace; key++) {
            assertThat(policy.contains(key)).as("key %d resident", key).isEqualTo(resident.containsKey(key));
        }
    }
}
