package canopy.engine;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.DoubleConsumer;

/**
 * Between the shortest-path trees (shallow, but every root's copies crowd the same links: on MI250
 * each GCD's NIC receives a copy from every GCD of its rail) and the optimal forest (at the bound, but
 * deep): one tree per root within a latency budget, each accelerator hung where the links are least
 * loaded ({@link BalancedTreeSearch}). The budget is the root's latency eccentricity plus a slack, a
 * fraction of the accelerators' latency diameter from {@link #SLACK_EIGHTHS}; a larger slack buys
 * bandwidth with depth, so the message size decides: the slack with the least modeled time
 * ({@link TimeModel}) at the requested size is kept.
 *
 * <p>allgather: these out-trees; reduce-scatter: the same on the reversed links, reversed into
 * in-trees; allreduce: reduce-scatter (stage 0) then allgather (stage 1), each stage's slack chosen by
 * its own time.
 */
public final class BalancedTrees implements CollectiveScheduler {
    public static final String NAME = "balanced-trees";
    /** The slacks tried, in eighths of the latency diameter, smallest first. */
    private static final int[] SLACK_EIGHTHS = {0, 2, 3, 4, 6, 8, 12, 16};

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one tree per root within a depth budget, on the least loaded links; the budget fastest at the size";
    }

    @Override
    public Set<Collective> collectives() {
        return EnumSet.allOf(Collective.class);
    }

    @Override
    public Set<Option> options() {
        return EnumSet.of(Option.MESSAGE_SIZE);
    }

    @Override
    public ScheduleResult build(Topology t, Collective c, Request request, Progress p) {
        long bytes = request.messageBytes() > 0 ? request.messageBytes() : AutoScheduler.DEFAULT_BYTES;
        NetworkGraph g = NetworkGraph.of(t);
        List<ScheduleTree> trees = new ArrayList<>();
        List<String> chosen = new ArrayList<>();
        Stage ag = c == Collective.REDUCE_SCATTER ? null : fastest(g, bytes, p);
        if (c != Collective.ALLGATHER) {
            // on links alike both ways, the reversed graph is g itself: its out-trees are ag's
            Stage rs = ag != null && symmetric(g) ? ag : fastest(g.reversed(), bytes, p);
            for (ScheduleTree tree : rs.trees()) {
                trees.add(ShortestPathTrees.reverse(tree));
            }
            chosen.add("reduce-scatter " + rs.describe());
        }
        if (ag != null) {
            int stage = c == Collective.ALLREDUCE ? 1 : 0;
            for (ScheduleTree tree : ag.trees()) {
                trees.add(tree.withStage(stage));
            }
            chosen.add("allgather " + ag.describe());
        }
        Rational algbw = new LinkLoads(g, trees, p).algbw(); // a million edges at 1,024: seconds
        return ScheduleResult.of(new Schedule(c, name(), t.name(), g.acceleratorCount(), algbw, null, List.of(), trees))
                .withNote(String.join("; ", chosen) + " (at " + bytes + " bytes)");
    }

    /** One stage's out-trees, the slack (eighths of the diameter) and passes they were built with, of tried. */
    private record Stage(int slackEighths, int passes, int tried, List<ScheduleTree> trees) {
        String describe() {
            return "slack " + slackEighths + "/8 of the latency diameter, " + passes + (passes == 1 ? " pass" : " passes")
                    + " (" + tried + " builds)";
        }
    }

    /**
     * The out-trees of g with the least modeled time at bytes: the slacks in order until two in a row
     * gain nothing, then the best slack again with a second pass.
     */
    private static Stage fastest(NetworkGraph g, long bytes, Progress p) {
        LatencyScale scale = LatencyScale.of(g, ScheduleAnalyzer.DEFAULT_LATENCY_US);
        long[] eccentricity = TimeFloor.eccentricities(g, scale, p);
        long diameter = 0;
        for (long e : eccentricity) {
            diameter = Math.max(diameter, e);
        }
        BalancedTreeSearch search = new BalancedTreeSearch(g, scale);
        BalancedTreeSearch.Forest kept = null;
        Rational keptTime = null;
        int keptSlack = 0;
        int tried = 0;
        int worse = 0;
        for (int eighths : SLACK_EIGHTHS) {
            DoubleConsumer done = reportBuild(p, "balanced trees: slack " + eighths + "/8", tried);
            tried++;
            BalancedTreeSearch.Forest f = search.build(eccentricity, slack(diameter, eighths), 1, p, done);
            Rational time = time(g, scale, f, bytes);
            if (kept == null || time.compareTo(keptTime) < 0) {
                kept = f;
                keptTime = time;
                keptSlack = eighths;
                worse = 0;
            } else if (++worse == 2) {
                break;
            }
        }
        DoubleConsumer done = reportBuild(p, "balanced trees: slack " + keptSlack + "/8, second pass", tried);
        tried++;
        BalancedTreeSearch.Forest twice = search.build(eccentricity, slack(diameter, keptSlack), 2, p, done);
        boolean better = time(g, scale, twice, bytes).compareTo(keptTime) < 0;
        return new Stage(keptSlack, better ? 2 : 1, tried, trees(g, better ? twice : kept));
    }

    /**
     * Reports the start of a build called stage, after builtBefore others, and returns what reports the
     * build's own progress (0..1) as the stage's: each of the most builds a stage makes (every slack,
     * then a second pass) an equal part of 0..1.
     */
    private static DoubleConsumer reportBuild(Progress p, String stage, int builtBefore) {
        int builds = SLACK_EIGHTHS.length + 1;
        p.report(stage, (double) builtBefore / builds);
        return within -> p.report(stage, (builtBefore + within) / builds);
    }

    /** True when every arc has a reverse arc of the same bandwidth and latency. */
    static boolean symmetric(NetworkGraph g) {
        for (int a = 0; a < g.arcCount(); a++) {
            int b = g.arc(g.arcTo(a), g.arcFrom(a));
            if (b < 0 || !g.bandwidth(a).equals(g.bandwidth(b))
                    || Double.compare(g.latencyUs(a), g.latencyUs(b)) != 0) {
                return false;
            }
        }
        return true;
    }

    private static long slack(long diameter, int eighths) {
        return Math.multiplyExact(diameter, eighths) / 8;
    }

    /**
     * The model's time of one stage of these trees at bytes, in seconds: the deepest tree plus bytes ×
     * the busiest link's load / bandwidth (each tree carries 1/N of the buffer).
     */
    private static Rational time(NetworkGraph g, LatencyScale scale, BalancedTreeSearch.Forest f, long bytes) {
        Rational worst = Rational.ZERO;
        long[] load = f.load();
        for (int a = 0; a < load.length; a++) {
            if (load[a] > 0) {
                worst = worst.max(Rational.of(load[a]).divide(g.bandwidth(a)));
            }
        }
        Rational perBuffer = worst.divide(g.acceleratorCount());
        return latencySeconds(scale, f).add(perBuffer.multiply(Rational.of(bytes, TimeModel.BYTES_PER_GB)));
    }

    private static Rational latencySeconds(LatencyScale scale, BalancedTreeSearch.Forest f) {
        return scale.micros(f.depth()).divide(1_000_000);
    }

    /** The forest's trees as schedule trees, share 1, in accelerator order. */
    private static List<ScheduleTree> trees(NetworkGraph g, BalancedTreeSearch.Forest f) {
        int[] acc = g.accelerators();
        List<ScheduleTree> trees = new ArrayList<>(acc.length);
        for (int r = 0; r < acc.length; r++) {
            List<TreeEdge> edges = new ArrayList<>(acc.length - 1);
            for (int v : acc) {
                int[] arcs = f.path()[r][v];
                if (arcs == null) {
                    continue;
                }
                List<String> ids = new ArrayList<>(arcs.length + 1);
                ids.add(g.id(g.arcFrom(arcs[0])));
                for (int a : arcs) {
                    ids.add(g.id(g.arcTo(a)));
                }
                edges.add(new TreeEdge(ids.get(0), ids.get(ids.size() - 1), ids));
            }
            trees.add(new ScheduleTree(g.id(acc[r]), Phase.ALLGATHER, 0, Direction.OUT, Rational.ONE, edges));
        }
        return trees;
    }
}
