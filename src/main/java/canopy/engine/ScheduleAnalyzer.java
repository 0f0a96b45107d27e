package canopy.engine;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a schedule does to each link, and how long it takes: exact per-stage link loads and
 * utilisations, algbw and bus bandwidth, the bottleneck links, and an alpha-beta time model. Plain data;
 * nothing is printed. The schedule must use only existing links (see {@link ScheduleVerifier}); a path
 * over a missing link throws IllegalArgumentException.
 */
public final class ScheduleAnalyzer {
    /** Latency assumed for a link whose latency_us is absent. */
    public static final double DEFAULT_LATENCY_US = 1.0;
    /** Bandwidths are in GB/s: 10^9 bytes per second. */
    public static final long BYTES_PER_GB = 1_000_000_000L;

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

    /** One row of {@link TimeModel#table()}. algbw and bus bandwidth in GB/s. */
    public record SizeRow(long bytes, Rational secondsExact, double seconds, double algbw, double busBandwidth) {
    }

    /**
     * The alpha-beta time model. A link's latency is its latency_us (the largest among parallel links),
     * or the default where absent. A tree's latency depth is the largest, over its accelerators, sum of
     * the latencies of every physical link on the tree path between the root and that accelerator (the
     * edges' paths concatenated). For M bytes:
     *
     * <pre>
     *   time(M) = Σ over stages s of [ max over trees of stage s of latency depth ]
     *           + (M / 10^9) × Σ over stages of max over links (load / bandwidth)
     * </pre>
     *
     * with bandwidths in GB/s, latencies in µs converted to seconds. The first term is the pipeline's
     * start-up latency: one traversal of the deepest path per stage; the model ignores any further
     * pipelining start-up cost (chunking, per-step synchronisation) and contention on latency.
     * Computed exactly from the decimal value of each latency; doubles only for display.
     */
    public static final class TimeModel {
        private final Collective collective;
        private final int accelerators;
        private final Rational timePerBuffer;
        private final Map<Integer, Rational> stageLatencyUs;
        private final List<Rational> treeLatencyUs;
        private final List<Integer> treeDepthHops;
        private final Rational latencySeconds;

        TimeModel(Collective collective, int accelerators, Rational timePerBuffer,
                  Map<Integer, Rational> stageLatencyUs, List<Rational> treeLatencyUs, List<Integer> treeDepthHops) {
            this.collective = collective;
            this.accelerators = accelerators;
            this.timePerBuffer = timePerBuffer;
            this.stageLatencyUs = Collections.unmodifiableMap(new TreeMap<>(stageLatencyUs));
            this.treeLatencyUs = List.copyOf(treeLatencyUs);
            this.treeDepthHops = List.copyOf(treeDepthHops);
            Rational sum = Rational.ZERO;
            for (Rational r : stageLatencyUs.values()) {
                sum = sum.add(r);
            }
            this.latencySeconds = sum.divide(1_000_000);
        }

        /** Per stage: the largest latency depth (µs) of its trees. */
        public Map<Integer, Rational> stageLatencyUs() {
            return stageLatencyUs;
        }

        /** Per tree (schedule order): its latency depth in µs. */
        public List<Rational> treeLatencyUs() {
            return treeLatencyUs;
        }

        /** Per tree (schedule order): the most physical links on a path between its root and a vertex. */
        public List<Integer> treeDepthHops() {
            return treeDepthHops;
        }

        /** The latency term: Σ over stages of the stage latency, in seconds. */
        public Rational latencySeconds() {
            return latencySeconds;
        }

        /** Completion time in seconds for a buffer of {@code bytes}, exact. */
        public Rational timeExact(long bytes) {
            return latencySeconds.add(timePerBuffer.multiply(Rational.of(bytes, BYTES_PER_GB)));
        }

        public double timeSeconds(long bytes) {
            return timeExact(bytes).toDouble();
        }

        /** Exact algbw in GB/s at this size: (bytes / 10^9) / time. */
        public Rational algbwExactAt(long bytes) {
            Rational t = timeExact(bytes);
            return t.signum() == 0 ? Rational.ZERO : Rational.of(bytes, BYTES_PER_GB).divide(t);
        }

        /** algbw in GB/s at this size, for display. */
        public double algbwAt(long bytes) {
            return algbwExactAt(bytes).toDouble();
        }

        /** Sizes 1 KiB, 4 KiB, 16 KiB, … 4 GiB (powers of 4 times 1024 bytes). */
        public static List<Long> tableSizes() {
            List<Long> sizes = new ArrayList<>();
            for (long b = 1024; b <= (4L << 30); b *= 4) {
                sizes.add(b);
            }
            return sizes;
        }

        /** One row per size of {@link #tableSizes()}. */
        public List<SizeRow> table() {
            List<SizeRow> rows = new ArrayList<>();
            for (long b : tableSizes()) {
                Rational t = timeExact(b);
                Rational bw = algbwExactAt(b);
                rows.add(new SizeRow(b, t, t.toDouble(), bw.toDouble(),
                        busBandwidth(collective, accelerators, bw).toDouble()));
            }
            return rows;
        }
    }

    public static Analysis analyze(Topology t, Schedule s) {
        return analyze(t, s, DEFAULT_LATENCY_US);
    }

    /** Analyses s on t, taking defaultLatencyUs for links without latency_us. */
    public static Analysis analyze(Topology t, Schedule s, double defaultLatencyUs) {
        NetworkGraph g = NetworkGraph.of(t);
        LinkLoads loads = new LinkLoads(g, s);
        int n = g.acceleratorCount();
        Map<Integer, Rational> stageTime = new LinkedHashMap<>();
        for (int st : loads.loadByStage().keySet()) {
            stageTime.put(st, loads.stageTime(st));
        }
        int[] treeCount = new int[g.arcCount()];
        BitSet seen = new BitSet(g.arcCount());
        for (ScheduleTree tree : s.trees()) {
            seen.clear();
            for (TreeEdge e : tree.edges()) {
                for (int k = 0; k + 1 < e.path().size(); k++) {
                    int a = g.arc(g.indexOf(e.path().get(k)), g.indexOf(e.path().get(k + 1)));
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
        TimeModel model = timeModel(g, s, loads.timePerBuffer(), defaultLatencyUs);
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

    private static TimeModel timeModel(NetworkGraph g, Schedule s, Rational timePerBuffer, double defaultLatencyUs) {
        Rational defaultLatency = Rational.of(BigDecimal.valueOf(defaultLatencyUs));
        Rational[] arcLatency = new Rational[g.arcCount()];
        for (int a = 0; a < arcLatency.length; a++) {
            double l = g.latencyUs(a);
            arcLatency[a] = Double.isNaN(l) ? defaultLatency : Rational.of(BigDecimal.valueOf(l));
        }
        Map<Integer, Rational> stageLatency = new TreeMap<>();
        List<Rational> treeLatency = new ArrayList<>();
        List<Integer> treeHops = new ArrayList<>();
        for (ScheduleTree tree : s.trees()) {
            // child -> (parent, latency of the edge's path, hops of the path)
            Map<String, String> parent = new HashMap<>();
            Map<String, Rational> edgeLatency = new HashMap<>();
            Map<String, Integer> edgeHops = new HashMap<>();
            for (TreeEdge e : tree.edges()) {
                String child = tree.direction() == Direction.IN ? e.from() : e.to();
                String par = tree.direction() == Direction.IN ? e.to() : e.from();
                Rational lat = Rational.ZERO;
                for (int k = 0; k + 1 < e.path().size(); k++) {
                    int a = g.arc(g.indexOf(e.path().get(k)), g.indexOf(e.path().get(k + 1)));
                    lat = lat.add(a >= 0 ? arcLatency[a] : defaultLatency);
                }
                parent.put(child, par);
                edgeLatency.put(child, lat);
                edgeHops.put(child, e.path().size() - 1);
            }
            Map<String, Rational> depth = new HashMap<>();
            Map<String, Integer> hops = new HashMap<>();
            depth.put(tree.root(), Rational.ZERO);
            hops.put(tree.root(), 0);
            Rational worst = Rational.ZERO;
            int worstHops = 0;
            for (String v : parent.keySet()) {
                List<String> walk = new ArrayList<>();
                String x = v;
                while (!depth.containsKey(x) && parent.containsKey(x) && walk.size() <= parent.size()) {
                    walk.add(x);
                    x = parent.get(x);
                }
                Rational base = depth.getOrDefault(x, Rational.ZERO);
                int baseHops = hops.getOrDefault(x, 0);
                for (int k = walk.size() - 1; k >= 0; k--) {
                    String w = walk.get(k);
                    base = base.add(edgeLatency.get(w));
                    baseHops += edgeHops.get(w);
                    depth.put(w, base);
                    hops.put(w, baseHops);
                }
                worst = worst.max(depth.getOrDefault(v, Rational.ZERO));
                worstHops = Math.max(worstHops, hops.getOrDefault(v, 0));
            }
            treeLatency.add(worst);
            treeHops.add(worstHops);
            stageLatency.merge(tree.stage(), worst, Rational::max);
        }
        return new TimeModel(s.collective(), g.acceleratorCount(), timePerBuffer, stageLatency, treeLatency, treeHops);
    }
}
