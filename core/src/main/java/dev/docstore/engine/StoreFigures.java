package dev.docstore.engine;

/**
 * A moment's figures of a store. Under concurrent writes each figure is exact for some moment during the call, not
 * necessarily the same moment; when the store is quiet they are exact.
 *
 * @param documents        live documents (keys with a value)
 * @param versions         versions held in memory: one per live document, plus older versions and deletions that
 *                         open snapshots may still read
 * @param openSnapshots    snapshots not yet closed, released or expired
 * @param keysWithHistory  keys holding versions beyond the newest, waiting for snapshots to let them go
 * @param lastVersion      the newest version number handed out so far
 */
public record StoreFigures(long documents, long versions, int openSnapshots, int keysWithHistory, long lastVersion) {
    /** Versions held only for snapshots: {@code versions - documents}. */
    public long retainedVersions() {
        return versions - documents;
    }
}
