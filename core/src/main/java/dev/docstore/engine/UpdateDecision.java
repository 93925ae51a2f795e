package dev.docstore.engine;

import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * An update's decision: asks the caller's {@link Updater} what to do with the current entry, on each attempt, and makes
 * the candidate that value (prepared as the store prepares values) or a deletion. Keeping the entry, or removing an
 * absent one, writes nothing. Made per update; not shared between calls.
 */
final class UpdateDecision<K0, V0> implements Decision {
    private final Updater<K0, V0> updater;
    private final UnaryOperator<V0> prepare;

    UpdateDecision(Updater<K0, V0> updater, UnaryOperator<V0> prepare) {
        this.updater = updater;
        this.prepare = prepare;
    }

    @Override
    @SuppressWarnings("unchecked") // made by a store of K0 and V0, which passes only its own keys and versions
    public <K, V> boolean decide(K key, Version<K, V> head, Version<K, V> candidate, long expected) {
        Entry<K0, V0> current = Decision.isLive(head) ? (Entry<K0, V0>) head : null;
        Change<V0> change = Objects.requireNonNull(updater.decide((K0) key, current), "the updater returned null");
        if (change.isKeep() || (change.isRemove() && current == null)) {
            return false;
        }
        candidate.value = change.isRemove() ? null : (V) prepare.apply(change.value());
        return true;
    }
}
