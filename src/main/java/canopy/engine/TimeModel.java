package canopy.engine;

import canopy.model.Collective;
import canopy.model.Direction;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The alpha-beta time model, the one the README states and {@code ../shared/tools/time_model.py}
 * evaluates independently. A link's latency is its latency_us (the smallest among parallel links, which
 * a message would take), or the default where absent. A tree's latency depth is the largest, over its
 * vertices, sum of the latencies of every physical link on the tree path between the root and that
 * vertex (the edges' paths concatenated). For M bytes:
 *
 * <pre>
 *   time(M) = Σ over stages s of [ deepest reducing tree of s + deepest spreading tree of s ]
 *           + (M / 10^9) × Σ over stages of max over links (load / bandwidth)
 * </pre>
 *
 * with bandwidths in GB/s and latencies in µs. Reducing trees are the in-trees (reduce-scatter,
 * reduce), spreading trees the out-trees (allgather, broadcast). A stage holding both (NCCL's pipelined
 * tree: reduce and broadcast at once) pays the deepest of each, added, because a chunk must go all the
 * way in before it can come out; a stage of one kind pays its deepest tree once. The model ignores any
 * further pipelining start-up (chunking, per-step synchronisation) and contention on latency. Exact from
 * the decimal value of each latency; doubles only for display.
 */
public final class TimeModel {
    /** Bandwidths are in GB/s: 10^9 bytes per second. */
    public static final long BYTES_PER_GB = 1_000_000_000L;
    /** The stage that measures each tree's latency depth, by trees. */
    public static final String STAGE = "measuring the trees' latencies";

    private final Collective collective;
    private final int accelerators;
    private final Rational timePerBuffer;
    private final Map<Integer, Rational> stageLatencyUs;
    private final List<Rational> treeLatencyUs;
    private final List<Integer> treeDepthHops;
    private final Rational latencySeconds;
    private final TimeFloor floor;

    private TimeModel(Collective collective, int accelerators, Rational timePerBuffer,
                      Map<Integer, Rational> stageLatencyUs, List<Rational> treeLatencyUs,
                      List<Integer> treeDepthHops, TimeFloor floor) {
        this.collective = collective;
        this.accelerators = accelerators;
        this.timePerBuffer = timePerBuffer;
        this.stageLatencyUs = Collections.unmodifiableMap(new TreeMap<>(stageLatencyUs));
        this.treeLatencyUs = List.copyOf(treeLatencyUs);
        this.treeDepthHops = List.copyOf(treeDepthHops);
        this.floor = floor;
        Rational sum = Rational.ZERO;
        for (Rational r : stageLatencyUs.values()) {
            sum = sum.add(r);
        }
        this.latencySeconds = sum.divide(1_000_000);
    }

    /**
     * The model of s on g; timePerBuffer is Σ over stages of max link load / bandwidth (LinkLoads).
     * The floor is computed when s carries its bound, and is null otherwise.
     */
    static TimeModel of(NetworkGraph g, Schedule s, Rational timePerBuffer, double defaultLatencyUs) {
        return of(g, s, timePerBuffer, defaultLatencyUs, Progress.NONE);
    }

    /**
     * {@link #of(NetworkGraph, Schedule, Rational, double)}, stopping on progress between trees (each is
     * a walk of all its paths: seconds for a forest of 1,024 accelerators).
     */
    static TimeModel of(NetworkGraph g, Schedule s, Rational timePerBuffer, double defaultLatencyUs, Progress progress) {
        Rational[] arcLatency = arcLatenciesUs(g, defaultLatencyUs);
        Rational defaultLatency = Rational.of(BigDecimal.valueOf(defaultLatencyUs));
        Map<Integer, Rational> reducing = new TreeMap<>();
        Map<Integer, Rational> spreading = new TreeMap<>();
        List<Rational> treeLatency = new ArrayList<>();
        List<Integer> treeHops = new ArrayList<>();
        LatencyScale exact = LatencyScale.exactly(g, defaultLatencyUs);
        TreeDepths fast = exact == null ? null : new TreeDepths(g, exact);
        LoopProgress steps = new LoopProgress(progress, STAGE, s.trees().size());
        for (ScheduleTree tree : s.trees()) {
            steps.step();
            Rational[] depth = null;
            if (fast != null) {
                try {
                    long[] d = fast.of(tree);
                    depth = new Rational[] {exact.micros(d[0]), Rational.of(d[1])};
                } catch (ArithmeticException e) {
                    fast = null; // a depth beyond a long at this scale: fractions from here on
                }
            }
            if (depth == null) {
                depth = depth(g, tree, arcLatency, defaultLatency);
            }
            treeLatency.add(depth[0]);
            treeHops.add(depth[1].numerator().intValueExact());
            boolean in = tree.phase().direction() == Direction.IN;
            (in ? reducing : spreading).merge(tree.stage(), depth[0], Rational::max);
            (in ? spreading : reducing).putIfAbsent(tree.stage(), Rational.ZERO);
        }
        Map<Integer, Rational> stageLatency = new TreeMap<>();
        for (int st : reducing.keySet()) {
            stageLatency.put(st, reducing.get(st).add(spreading.get(st)));
        }
        TimeFloor floor = s.bound() == null ? null : TimeFloor.of(g, s.collective(), s.bound(), defaultLatencyUs, progress);
        return new TimeModel(s.collective(), g.acceleratorCount(), timePerBuffer, stageLatency, treeLatency, treeHops,
                floor);
    }

    /** Per arc of g, its latency in µs (the default where the file gave none), exact. */
    static Rational[] arcLatenciesUs(NetworkGraph g, double defaultLatencyUs) {
        Rational defaultLatency = Rational.of(BigDecimal.valueOf(defaultLatencyUs));
        Rational[] arcLatency = new Rational[g.arcCount()];
        for (int a = 0; a < arcLatency.length; a++) {
            double l = g.latencyUs(a);
            arcLatency[a] = Double.isNaN(l) ? defaultLatency : Rational.of(BigDecimal.valueOf(l));
        }
        return arcLatency;
    }

    /**
     * {latency depth in µs, depth in physical hops} of one tree; both maxima over its vertices. In
     * fractions: the path where {@link TreeDepths}' scaled longs do not hold the latencies.
     */
    static Rational[] depth(NetworkGraph g, ScheduleTree tree, Rational[] arcLatency, Rational defaultLatency) {
        // child -> (parent, latency of the edge's path, hops of the path)
        Map<String, String> parent = new HashMap<>();
        Map<String, Rational> edgeLatency = new HashMap<>();
        Map<String, Integer> edgeHops = new HashMap<>();
        for (TreeEdge e : tree.edges()) {
            String child = tree.direction() == Direction.IN ? e.from() : e.to();
            String par = tree.direction() == Direction.IN ? e.to() : e.from();
            Rational lat = Rational.ZERO;
            for (int a : g.arcsAlong(e.path())) {
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
        return new Rational[] {worst, Rational.of(worstHops)};
    }

    /** Per stage: its start-up latency in µs (deepest reducing tree + deepest spreading tree). */
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

    /** Seconds per GB of buffer: Σ over stages of max link load / bandwidth. */
    public Rational timePerBuffer() {
        return timePerBuffer;
    }

    /** The lower bound the time is measured against, or null when the schedule had no bound. */
    public TimeFloor floor() {
        return floor;
    }

    /** Completion time in seconds for a buffer of {@code bytes}, exact. */
    public Rational timeExact(long bytes) {
        return latencySeconds.add(timePerBuffer.multiply(Rational.of(bytes, BYTES_PER_GB)));
    }

    public double timeSeconds(long bytes) {
        return timeExact(bytes).toDouble();
    }

    /** time / floor at this size, exact; null without a floor. */
    public Rational ratioToFloor(long bytes) {
        if (floor == null) {
            return null;
        }
        Rational f = floor.secondsExact(bytes);
        return f.signum() == 0 ? null : timeExact(bytes).divide(f);
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

    /** One row of {@link #table()}. algbw and bus bandwidth in GB/s. */
    public record SizeRow(long bytes, Rational secondsExact, double seconds, double algbw, double busBandwidth) {
    }

    /** One row per size of {@link #tableSizes()}. */
    public List<SizeRow> table() {
        List<SizeRow> rows = new ArrayList<>();
        for (long b : tableSizes()) {
            Rational t = timeExact(b);
            Rational bw = algbwExactAt(b);
            rows.add(new SizeRow(b, t, t.toDouble(), bw.toDouble(),
                    ScheduleAnalyzer.busBandwidth(collective, accelerators, bw).toDouble()));
        }
        return rows;
    }
}
