package canopy.engine;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a schedule does to each link, and how long it takes: exact per-stage link loads and
 * utilisations, algbw and bus bandwidth, the bottleneck links, and the alpha-beta {@link TimeModel}. Plain data;
 * nothing is printed. The schedule must use only existing links (see {@link ScheduleVerifier}); a path
 * over a missing link throws IllegalArgumentException.
 */
public final class ScheduleAnalyzer {
    /** Latency assumed for a link whose latency_us is absent. */
    public static final double DEFAULT_LATENCY_US = 1.0;
    /** The stage that counts the trees over each link, by trees. */
    public static final String COUNTING_TREES = "counting the trees over each link";

    private ScheduleAnalyzer() {
    }

    /**
     * One directed link (an arc of {@link NetworkGraph}: parallel links merged, duplex links split).
     *
     * @param loadByStage        load per stage in units of the whole buffer M (formats.md), exact; every
     *                           stage of the schedule is present, zero where the link is idle
     * @param utilisationByStage (load / bandwidth) / stage time: the fraction of the stage's time the
     *                           link is busy, 1 on the stage's bottleneck links
     * @param trees              how many trees (all stages) have a path crossing the link
     * @param bottleneck         true when the link attains the maximum load / bandwidth of some stage
     */
    public record LinkUse(String from, String to, Rational bandwidth, Map<Integer, Rational> loadByStage,
                          Map<Integer, Rational> utilisationByStage, int trees, boolean bottleneck) {
        public LinkUse {
            loadByStage = Collections.unmodifiableMap(new TreeMap<>(loadByStage));
            utilisationByStage = Collections.unmodifiableMap(new TreeMap<>(utilisationByStage));
        }
    }

    /** A link that attains the maximum load / bandwidth of its stage. */
    public record Bottleneck(int stage, String from, String to, Rational load, Rational bandwidth) {
    }

    /**
     * @param stageTime       per stage, the time for M = 1 (max over links of load / bandwidth)
     * @param timePerBuffer   Σ of the stage times: seconds per GB of buffer
     * @param algbw           1 / timePerBuffer, exact (GB/s); zero for an empty schedule
     * @param busBandwidth    NCCL's bus bandwidth: algbw × (N-1)/N for allgather and reduce-scatter,
     *                        algbw × 2(N-1)/N for allreduce
     */
    public record Analysis(Collective collective, int accelerators, Map<Integer, Rational> stageTime,
                           Rational timePerBuffer, Rational algbw, double algbwValue, Rational busBandwidth,
                           double busBandwidthValue, List<LinkUse> links, List<Bottleneck> bottlenecks,
                           TimeModel timeModel) {
        public Analysis {
            stageTime = Collections.unmodifiableMap(new TreeMap<>(stageTime));
            links = List.copyOf(links);
            bottlenecks = List.copyOf(bottlenecks);
        }
    }

    public static Analysis analyze(Topology t, Schedule s) {
        return analyze(t, s, DEFAULT_LATENCY_US);
    }

    /** Analyses s on t, taking defaultLatencyUs for links without latency_us. */
    public static Analysis analyze(Topology t, Schedule s, double defaultLatencyUs) {
        return analyze(t, s, defaultLatencyUs, Progress.NONE);
    }

    /**
     * {@link #analyze(Topology, Schedule)}, stopping on progress between trees: a forest of 1,024
     * accelerators has a million edges, and the designer's Cancel waited a minute for its analysis.
     */
    public static Analysis analyze(Topology t, Schedule s, Progress progress) {
        return analyze(t, s, DEFAULT_LATENCY_US, progress);
    }

    private static Analysis analyze(Topology t, Schedule s, double defaultLatencyUs, Progress progress) {
        NetworkGraph g = NetworkGraph.of(t);
        LinkLoads loads = new LinkLoads(g, s.trees(), progress);
        int n = g.acceleratorCount();
        Map<Integer, Rational> stageTime = new LinkedHashMap<>();
        for (int st : loads.loadByStage().keySet()) {
            stageTime.put(st, loads.stageTime(st));
        }
        int[] treeCount = new int[g.arcCount()];
        BitSet seen = new BitSet(g.arcCount());
        LoopProgress steps = new LoopProgress(progress, COUNTING_TREES, s.trees().size());
        for (ScheduleTree tree : s.trees()) {
            steps.step();
            seen.clear();
            for (TreeEdge e : tree.edges()) {
                for (int a : g.arcsAlong(e.path())) {
                    if (a >= 0 && !seen.get(a)) {
                        seen.set(a);
                        treeCount[a]++;
                    }
                }
            }
        }
        List<LinkUse> links = new ArrayList<>(g.arcCount());
        List<Bottleneck> bottlenecks = new ArrayList<>();
        for (int a = 0; a < g.arcCount(); a++) {
            Map<Integer, Rational> load = new LinkedHashMap<>();
            Map<Integer, Rational> util = new LinkedHashMap<>();
            boolean isBottleneck = false;
            for (Map.Entry<Integer, Rational[]> e : loads.loadByStage().entrySet()) {
                Rational l = e.getValue()[a];
                Rational st = stageTime.get(e.getKey());
                Rational u = st.signum() == 0 ? Rational.ZERO : l.divide(g.bandwidth(a)).divide(st);
                load.put(e.getKey(), l);
                util.put(e.getKey(), u);
                if (l.signum() > 0 && u.equals(Rational.ONE)) {
                    isBottleneck = true;
                    bottlenecks.add(new Bottleneck(e.getKey(), g.id(g.arcFrom(a)), g.id(g.arcTo(a)), l,
                            g.bandwidth(a)));
                }
            }
            links.add(new LinkUse(g.id(g.arcFrom(a)), g.id(g.arcTo(a)), g.bandwidth(a), load, util, treeCount[a],
                    isBottleneck));
        }
        bottlenecks.sort((x, y) -> Integer.compare(x.stage(), y.stage()));
        Rational algbw = loads.algbw();
        Rational bus = busBandwidth(s.collective(), n, algbw);
        TimeModel model = TimeModel.of(g, s, loads.timePerBuffer(), defaultLatencyUs, progress);
        return new Analysis(s.collective(), n, stageTime, loads.timePerBuffer(), algbw, algbw.toDouble(), bus,
                bus.toDouble(), links, bottlenecks, model);
    }

    /** NCCL's bus bandwidth (formats.md). */
    public static Rational busBandwidth(Collective c, int n, Rational algbw) {
        if (n <= 0) {
            return Rational.ZERO;
        }
        Rational factor = Rational.of(n - 1, n);
        if (c == Collective.ALLREDUCE) {
            factor = factor.multiply(2);
        }
        return algbw.multiply(factor);
    }
}
