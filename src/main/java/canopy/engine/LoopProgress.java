package canopy.engine;

/**
 * The progress of one loop over a known number of units (trees, accelerators): each step checks for
 * cancel, and about a hundred of them in all report the fraction done under the loop's stage name, so a
 * progress bar moves without a report per unit (a 1,024-GPU forest has tens of thousands of trees).
 */
final class LoopProgress {
    /** Reports per loop, at most. */
    private static final long REPORTS = 100;

    private final Progress progress;
    private final String stage;
    private final long total;
    private final long every;
    private long done;

    /** total: the units the loop will step through; unknown (negative) reports an unknown fraction. */
    LoopProgress(Progress progress, String stage, long total) {
        this.progress = progress;
        this.stage = stage;
        this.total = total;
        this.every = Math.max(1, total / REPORTS);
    }

    /** Before each unit: throws CancelledException when cancelled, and now and then reports the fraction done. */
    void step() {
        progress.checkCancelled();
        if (done % every == 0) {
            progress.report(stage, total > 0 ? (double) done / total : -1);
        }
        done++;
    }
}
