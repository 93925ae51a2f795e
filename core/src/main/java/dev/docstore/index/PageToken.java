package dev.docstore.index;

/**
 * Where a page of an index scan ended: pass it to {@link IndexScan#after(PageToken)} to get the next page. Resuming
 * is by position in the index, so entries written meanwhile are seen or not according to where they fall. Immutable.
 */
public final class PageToken {
    final String index;
    final IndexKey.EntryKey last;

    PageToken(String index, IndexKey.EntryKey last) {
        this.index = index;
        this.last = last;
    }

    /** The tuple of the last entry returned (a list for a composite index). */
    public Object lastTuple() {
        return Tuples.expose(last.tuple);
    }

    /** The store key of the last entry returned. */
    public Object lastKey() {
        return last.key;
    }

    @Override
    public String toString() {
        return "PageToken[" + index + " after " + last + "]";
    }
}
