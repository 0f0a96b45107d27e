package canopy.engine;

import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Exact link loads of a schedule (formats.md): per stage, per arc, in units of the whole buffer M.
 * An allgather / reduce-scatter tree puts share/N on every link of every path; reduce / broadcast puts
 * share. Time for M = M × Σ over stages of max over arcs (load / bandwidth); algbw = M / time.
 */
public final class LinkLoads {
    /** The stage the loads report, by trees added up. */
    public static final String STAGE = "adding up the link loads";
    private final NetworkGraph graph;
    private final TreeMap<Integer, Rational[]> loadByStage = new TreeMap<>();

    /** Throws IllegalArgumentException naming the hop when a path uses a link the graph lacks. */
    public LinkLoads(NetworkGraph graph, Schedule schedule) {
        this(graph, schedule.trees());
    }

    public LinkLoads(NetworkGraph graph, Iterable<ScheduleTree> trees) {
        this(graph, trees, Progress.NONE);
    }

    /** The loads of trees, stopping on progress between trees (a 1,024-GPU ring has a million edges). */
    public LinkLoads(NetworkGraph graph, Iterable<ScheduleTree> trees, Progress progress) {
        this.graph = graph;
        int n = graph.acceleratorCount();
        // Loads are sums of per-link shares; over their common denominator they are integer sums,
        // which is much faster than adding fractions link by link (a 1,024-GPU forest has 10⁶ edges).
        java.math.BigInteger common = java.math.BigInteger.ONE;
        for (ScheduleTree t : trees) {
            java.math.BigInteger d = perLink(t, n).denominator();
            common = common.divide(common.gcd(d)).multiply(d);
        }
        boolean integerSums = common.bitLength() < 40;
        TreeMap<Integer, long[]> units = new TreeMap<>();
        // Larger denominators (bounded by the schedule reader): BigInteger sums, still one integer
        // addition per hop rather than a fraction's gcd.
        TreeMap<Integer, java.math.BigInteger[]> bigUnits = new TreeMap<>();
        // Trees share edge objects (the forest's unfolding does: 17 million edges over some ten
        // thousand paths at 4,096 accelerators), so each edge's links are looked up once.
        Map<TreeEdge, int[]> arcsOf = new IdentityHashMap<>();
        LoopProgress steps = new LoopProgress(progress, STAGE,
                trees instanceof java.util.Collection<?> c ? c.size() : -1);
        for (ScheduleTree t : trees) {
            steps.step();
            Rational perLink = perLink(t, n);
            Rational[] load = loadByStage.computeIfAbsent(t.stage(), s -> zeros(graph.arcCount()));
            long[] unit = integerSums ? units.computeIfAbsent(t.stage(), s -> new long[graph.arcCount()]) : null;
            java.math.BigInteger[] bigUnit = integerSums ? null : bigUnits.computeIfAbsent(t.stage(), s -> {
                java.math.BigInteger[] z = new java.math.BigInteger[graph.arcCount()];
                java.util.Arrays.fill(z, java.math.BigInteger.ZERO);
                return z;
            });
            long perLinkUnits = integerSums ? perLink.multiply(Rational.of(common)).numerator().longValueExact() : 0;
            java.math.BigInteger perLinkBig = integerSums ? null
                    : perLink.numerator().multiply(common.divide(perLink.denominator()));
            for (TreeEdge e : t.edges()) {
                for (int a : arcsOf.computeIfAbsent(e, edge -> arcsAlong(graph, t, edge))) {
                    if (integerSums) {
                        unit[a] = Math.addExact(unit[a], perLinkUnits);
                    } else {
                        bigUnit[a] = bigUnit[a].add(perLinkBig);
                    }
                }
            }
        }
        for (Map.Entry<Integer, java.math.BigInteger[]> e : bigUnits.entrySet()) {
            Rational[] load = loadByStage.get(e.getKey());
            java.math.BigInteger[] unit = e.getValue();
            for (int a = 0; a < unit.length; a++) {
                load[a] = unit[a].signum() == 0 ? Rational.ZERO : Rational.of(unit[a], common);
            }
        }
        if (integerSums) {
            for (Map.Entry<Integer, long[]> e : units.entrySet()) {
                Rational[] load = loadByStage.get(e.getKey());
                long[] unit = e.getValue();
                for (int a = 0; a < unit.length; a++) {
                    load[a] = unit[a] == 0 ? Rational.ZERO : Rational.of(java.math.BigInteger.valueOf(unit[a]), common);
                }
            }
        }
    }

    /** The arc ids along e's path; throws naming the hop (and t's root) when a link is missing. */
    private static int[] arcsAlong(NetworkGraph graph, ScheduleTree t, TreeEdge e) {
        int[] arcs = graph.arcsAlong(e.path());
        for (int i = 0; i < arcs.length; i++) {
            if (arcs[i] < 0) {
                throw new IllegalArgumentException("tree rooted at " + t.root() + ": no link "
                        + e.path().get(i) + "->" + e.path().get(i + 1));
            }
        }
        return arcs;
    }

    /** What one tree puts on each link of its paths, in units of the whole buffer. */
    private static Rational perLink(ScheduleTree t, int n) {
        return t.phase().perShard() ? t.share().divide(n) : t.share();
    }

    private static Rational[] zeros(int m) {
        Rational[] r = new Rational[m];
        java.util.Arrays.fill(r, Rational.ZERO);
        return r;
    }

    public NetworkGraph graph() {
        return graph;
    }

    /** Stage number → load per arc (indexed like the graph's arcs). Do not modify the arrays. */
    public Map<Integer, Rational[]> loadByStage() {
        return loadByStage;
    }

    /** Time of one stage per unit of M: max over arcs of load / bandwidth. */
    public Rational stageTime(int stage) {
        Rational[] load = loadByStage.get(stage);
        Rational worst = Rational.ZERO;
        for (int a = 0; a < load.length; a++) {
            if (load[a].signum() > 0) {
                worst = worst.max(load[a].divide(graph.bandwidth(a)));
            }
        }
        return worst;
    }

    /** Σ over stages of stage time: the time for M = 1. */
    public Rational timePerBuffer() {
        Rational t = Rational.ZERO;
        for (int s : loadByStage.keySet()) {
            t = t.add(stageTime(s));
        }
        return t;
    }

    /** M / time, exact; zero for an empty schedule. */
    public Rational algbw() {
        Rational t = timePerBuffer();
        return t.signum() == 0 ? Rational.ZERO : t.reciprocal();
    }
}
