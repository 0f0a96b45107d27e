package canopy.engine;

/**
 * When to check the cancel (and report progress) in a loop whose steps are too many to check each and
 * whose run is too long to check only around it (one root of a tree search, one stage of a simulation):
 * the loop counts what each step costs, in whatever unit it measures work by, and checks when told.
 */
final class CheckPacer {
    private final long every;
    private long left;

    /** Due once every units of work; every ≥ 1. */
    CheckPacer(long every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be 1 or more, not " + every);
        }
        this.every = every;
        this.left = every;
    }

    /** Counts units of work done; true when every units have been done since it was last true. */
    boolean due(long units) {
        left -= units;
        if (left > 0) {
            return false;
        }
        left = every;
        return true;
    }
}
