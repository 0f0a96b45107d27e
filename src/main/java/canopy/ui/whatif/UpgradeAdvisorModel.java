package canopy.ui.whatif;

import canopy.io.FigureText;
import canopy.engine.LinkClassAdvisor;
import canopy.engine.Progress;
import canopy.engine.UpgradeAdvisor;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * The Upgrade Advisor's table, from {@link UpgradeAdvisor#rank} (single links) or {@link LinkClassAdvisor#rank}
 * (classes of links): plain Java, testable without a window.
 */
public final class UpgradeAdvisorModel {
    /** How many top rows get a breakpoint. */
    public static final int BREAKPOINTS = 10;

    /** What one row upgrades. */
    public enum Mode {
        SINGLE_LINKS("Single links", "link", "links"),
        LINK_CLASSES("Link classes", "class", "classes");

        private final String label;
        private final String one;
        private final String many;

        Mode(String label, String one, String many) {
            this.label = label;
            this.one = one;
            this.many = many;
        }

        /** "3 links", "1 class". */
        public String count(int n) {
            return n + " " + (n == 1 ? one : many);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * One row as shown; links are the topology indices the row selects (a single link's, or every link of
     * the class).
     */
    public record Row(int rank, List<Integer> links, String name, String now, String allgather,
                      String allgatherGain, String allreduce, String allreduceGain, String movesAt) {
        public Row {
            links = List.copyOf(links);
        }

        /** The row's first link: for a single-link row, its link. */
        public int link() {
            return links.get(0);
        }

        /** Whether the upgrade raises neither bound. */
        public boolean noGain() {
            return allgatherGain.equals("0") && allreduceGain.equals("0");
        }
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

    /** Single links ranked. */
    public static List<Row> rank(Topology t, Rational by, Progress progress) {
        return rank(t, by, Mode.SINGLE_LINKS, progress);
    }

    public static List<Row> rank(Topology t, Rational by, Mode mode, Progress progress) {
        UpgradeAdvisor.Options options = UpgradeAdvisor.Options.by(by, BREAKPOINTS);
        List<Row> rows = new ArrayList<>();
        if (mode == Mode.LINK_CLASSES) {
            for (LinkClassAdvisor.ClassCandidate c : LinkClassAdvisor.rank(t, options, progress).ranked()) {
                rows.add(row(rows.size() + 1, c.linkClass().links(), c.displayName(), c));
            }
            return rows;
        }
        for (UpgradeAdvisor.Candidate c : UpgradeAdvisor.rank(t, options, progress).ranked()) {
            rows.add(row(rows.size() + 1, List.of(c.link()), c.displayName(), c));
        }
        return rows;
    }

    /** "32 links ranked (+25 GB/s): no single link raises a bound; try Link classes". */
    public static String status(List<Row> rows, Mode m, Rational add) {
        boolean none = rows.stream().allMatch(Row::noGain);
        String noGain = m == Mode.SINGLE_LINKS ? ": no single link raises a bound; try "
                + Mode.LINK_CLASSES : ": no class of links raises a bound";
        return m.count(rows.size()) + " ranked (+" + WhatIfActions.format(add) + " GB/s)" + (none ? noGain : "");
    }

    private static Row row(int rank, List<Integer> links, String name, UpgradeAdvisor.Outcome c) {
        return new Row(rank, links, name, WhatIfActions.format(c.bandwidth()), WhatIfActions.format(c.allgather()),
                signed(c.allgatherGain()), WhatIfActions.format(c.allreduce()), signed(c.allreduceGain()),
                movesAt(c));
    }

    private static String signed(Rational r) {
        return (r.signum() > 0 ? "+" : "") + WhatIfActions.format(r);
    }

    private static String movesAt(UpgradeAdvisor.Outcome c) {
        return FigureText.breakpoint(c);
    }
}
