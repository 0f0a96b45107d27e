package canopy.ui.whatif;

import canopy.engine.Progress;
import canopy.engine.UpgradeAdvisor;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.List;

/** The Upgrade Advisor's table, from {@link UpgradeAdvisor#rank}: plain Java, testable without a window. */
public final class UpgradeAdvisorModel {
    /** How many top rows get a breakpoint. */
    public static final int BREAKPOINTS = 10;

    /** One row as shown; link is the topology index the row selects. */
    public record Row(int rank, int link, String name, String now, String allgather, String allgatherGain,
                      String allreduce, String allreduceGain, String movesAt) {
    }

    private UpgradeAdvisorModel() {
    }

    /** Parses the "+ GB/s" field: a positive exact number (25, 12.5, 100/3). */
    public static Rational parseBy(String text) {
        Rational r;
        try {
            r = Rational.parse(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text.strip() + "' is not a number (25, 12.5 or 100/3)");
        }
        if (r.signum() <= 0) {
            throw new IllegalArgumentException("the bandwidth to add must be positive, not " + text.strip());
        }
        return r;
    }

    public static List<Row> rank(Topology t, Rational by, Progress progress) {
        UpgradeAdvisor.Ranking r = UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(by, BREAKPOINTS), progress);
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (UpgradeAdvisor.Candidate c : r.ranked()) {
            String name = c.upgraded().size() > 1 ? c.name() + " (+" + String.join(", ",
                    c.upgraded().subList(1, c.upgraded().size())) + ")" : c.name();
            rows.add(new Row(++i, c.link(), name, WhatIfActions.format(c.bandwidth()),
                    WhatIfActions.format(c.allgather()), signed(c.allgatherGain()), WhatIfActions.format(c.allreduce()),
                    signed(c.allreduceGain()), movesAt(c)));
        }
        return rows;
    }

    private static String signed(Rational r) {
        return (r.signum() > 0 ? "+" : "") + WhatIfActions.format(r);
    }

    private static String movesAt(UpgradeAdvisor.Candidate c) {
        UpgradeAdvisor.Breakpoint bp = c.breakpoint();
        if (bp == null) {
            return "";
        }
        if (bp.allreduceAt() == null) {
            return "never: every cut crosses it";
        }
        if (bp.allreduceAt().equals(c.bandwidth())) {
            return "already elsewhere";
        }
        return WhatIfActions.format(bp.allreduceAt()) + " (AR then " + WhatIfActions.format(bp.allreduceLimit()) + ")";
    }
}
