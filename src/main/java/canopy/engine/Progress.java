package canopy.engine;

/**
 * How long-running engine work reports progress and learns it should stop. The engine knows nothing
 * of any UI: the CLI prints, the designer turns it into a progress bar.
 */
public interface Progress {
    /** Nothing reported, never cancelled. */
    Progress NONE = new Progress() {
        @Override
        public void report(String stage, double fraction) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** stage names the current step; fraction is 0..1 within it, or negative when unknown. */
    void report(String stage, double fraction);

    boolean isCancelled();

    /** This progress, with every stage reported as "step: stage" (which part of a larger job it is). */
    default Progress within(String step) {
        Progress outer = this;
        return new Progress() {
            @Override
            public void report(String stage, double fraction) {
                outer.report(step + ": " + stage, fraction);
            }

            @Override
            public boolean isCancelled() {
                return outer.isCancelled();
            }
        };
    }

    /** Throws CancelledException when cancelled; engine loops call this between units of work. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }
}
