package canopy.engine;

/** Thrown out of engine work whose Progress was cancelled. */
public class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled");
    }
}
