package dev.docstore.eviction;

/** Where a resident key sits in the policy; each region is one {@link AccessOrderQueue}. */
enum Region {
    /** Newly inserted keys, in LRU order: it gives a burst of recent keys the chance to earn a frequency. */
    WINDOW,
    /** The main space's entry segment: keys admitted from the window, or demoted from protected, not hit since. */
    PROBATION,
    /** The main space's keys hit while in probation: they leave only by demotion, never straight to eviction. */
    PROTECTED,
    /** Keys heavier than the whole maximum: they can never fit, so they are the first victims, in arrival order. */
    OVERWEIGHT
}
