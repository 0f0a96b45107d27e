package canopy.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * A progress that counts its cancel checks and says cancelled from the cancelAt-th on (never when 0),
 * recording every report: where a cancel is noticed is a number of checks, not a delay.
 */
public final class CancelAtCheck implements Progress {
    /** One report: the stage and its fraction. */
    public record Report(String stage, double fraction) {
    }

    private final long cancelAt;
    private long checks;
    private final List<Report> reports = new ArrayList<>();

    public CancelAtCheck(long cancelAt) {
        this.cancelAt = cancelAt;
    }

    @Override
    public void report(String stage, double fraction) {
        reports.add(new Report(stage, fraction));
    }

    @Override
    public boolean isCancelled() {
        checks++;
        return cancelAt > 0 && checks >= cancelAt;
    }

    public long checks() {
        return checks;
    }

    public List<Report> reports() {
        return reports;
    }
}
