package canopy.engine;

/**
 * The forest construction cannot count what the optimal schedule needs in 64-bit integers: too many
 * trees per root, or too many trees on one link (bandwidths with many distinct denominators, or of very
 * different scales). The message is one line with the figure and what to do; the command line exits
 * with status 2. Bounds are never refused: they fall back to arbitrary precision.
 */
public class ScheduleTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ScheduleTooLargeException(String message) {
        super(message);
    }
}
