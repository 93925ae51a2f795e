/**
 * Choosing which entries a bounded cache evicts: {@link dev.docstore.eviction.WindowTinyLfuPolicy}, a W-TinyLFU policy
 * (a small LRU window in front of a segmented-LRU main space, entry into which is decided by how often each key was
 * seen, with the window's share adapted to the workload).
 *
 * <p>The policy holds keys and weights only, never values: its owner stores the entries, tells the policy about every
 * hit and write, and removes the victims it is given through its own write path. The policy is single-threaded; its
 * owner serializes the calls.
 */
package dev.docstore.eviction;
