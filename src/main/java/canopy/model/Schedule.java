package canopy.model;

import java.util.List;

/**
 * A schedule file's content (formats.md). algbw is exact; bound may be null when unknown;
 * bottleneckCut may be empty.
 */
public record Schedule(Collective collective, String algorithm, String topologyName, int accelerators,
                       Rational algbw, Rational bound, List<String> bottleneckCut, List<ScheduleTree> trees) {
    public Schedule {
        bottleneckCut = List.copyOf(bottleneckCut);
        trees = List.copyOf(trees);
    }

    /** algbw / bound, or null when the bound is unknown. */
    public Rational ratioToBound() {
        return bound == null || bound.signum() == 0 ? null : algbw.divide(bound);
    }
}
