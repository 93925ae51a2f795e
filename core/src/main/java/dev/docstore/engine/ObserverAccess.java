package dev.docstore.engine;

import java.util.function.Consumer;

/** The {@link StoreAccess} handed to an attached observer; valid until it detaches. Thread-safe. */
final class ObserverAccess<K, V> implements StoreAccess<K, V> {
    private final DocumentStore<K, V> store;
    private final VersionTable<K, V> table;
    private final WriteObserver<K, V> observer;

    ObserverAccess(DocumentStore<K, V> store, VersionTable<K, V> table, WriteObserver<K, V> observer) {
        this.store = store;
        this.table = table;
        this.observer = observer;
    }

    @Override
    public void forEachVersion(Consumer<? super Entry<K, V>> action) {
        store.checkOpen();
        for (Version<K, V> head : table.heads.values()) {
            for (Version<K, V> version = head; version != null; version = version.prev()) {
                if (!version.isTombstone()) {
                    version.stamp(table.sequence);
                    action.accept(version);
                }
            }
        }
    }

    @Override
    public boolean isHeld(Entry<K, V> version) {
        return table.isHeld(version);
    }

    @Override
    public boolean isCurrent(Entry<K, V> version) {
        // stamped, so that what this decides (say, that a unique value is free) holds for every later snapshot
        return table.head(version.key()) == version && version.value() != null;
    }

    @Override
    public void awaitWritesInFlight() {
        table.awaitWritesInFlight();
    }

    @Override
    public DocumentStore<K, V> store() {
        return store;
    }

    @Override
    public void detach() {
        table.detach(observer);
    }
}
