package canopy.engine;

import canopy.model.Node;
import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * When every chunk of a schedule crosses every physical hop: the data behind the schedule animation.
 * Plain Java, computed once in the constructor; every query afterwards is read-only.
 *
 * <p>The model. Each tree's data (share/N × M for allgather and reduce-scatter trees, share × M for
 * reduce and broadcast trees, as in formats.md) is cut into {@code chunks} equal chunks. A chunk crosses
 * a tree edge hop by hop along the edge's physical path (store and forward at switches); one hop of a
 * chunk of b bytes takes b / bandwidth of that directed link. Every directed link (parallel links merged,
 * as in {@link NetworkGraph}) serves one chunk at a time at its full bandwidth, non-preemptively, in a
 * fixed order among the chunks waiting for it: lowest chunk number first (so the trees sharing a link
 * advance through their data at the same pace, each getting the link in proportion to its load there),
 * then the one ready first, then tree, edge and hop. So a link's busy time in
 * a stage is exactly its load × M / bandwidth, and the links of largest load / bandwidth (LinkLoads'
 * bottlenecks) set the pace: as chunks shrink, a stage's simulated time tends to LinkLoads' stage time.
 *
 * <ul>
 *   <li>Out-trees (allgather, broadcast): every chunk starts at the root; a chunk leaves a vertex along a
 *       tree edge as soon as it has arrived there and the link is free.</li>
 *   <li>In-trees (reduce-scatter, reduce): a vertex forwards chunk c toward the root only after chunk c
 *       of every child edge has arrived (it sums before it sends); leaves send at once.</li>
 *   <li>A broadcast tree of the same stage with the same root as a reduce tree (NCCL's double binary
 *       tree: reduce and broadcast pipelined in one stage) sends chunk c only once chunk c of that
 *       reduce tree has reached the root.</li>
 *   <li>Stages run one after another: stage s+1 starts when the last chunk of stage s has landed.</li>
 * </ul>
 *
 * Latencies are not modelled (see ScheduleAnalyzer's time model for the alpha term). Times are in
 * seconds for a buffer of {@code bytes} bytes with bandwidths in GB/s (10^9 bytes/s); with the default
 * 10^9 bytes a stage's time is directly comparable with LinkLoads' stage time.
 */
public final class AnimationTimeline {
    /** A chunk on its way from node `from` to the next node `to`, `progress` 0..1 along the hop. */
    public record Chunk(String from, String to, double progress, int colour) {
    }

    /** Bytes of the default buffer: 1 GB, so seconds equal LinkLoads' time per buffer. */
    public static final long DEFAULT_BYTES = 1_000_000_000L;
    /** More hop crossings than this are refused (memory): use fewer chunks. */
    public static final long MAX_HOPS = 4_000_000L;
    /**
     * Hop crossings set up or simulated between two cancel checks (and progress reports): about 20 ms
     * apart on 128x DGX A100's forest allgather (2.4M crossings, 290 checks).
     */
    static final long CHECK_EVERY = 1 << 14;
    /** The stages the construction reports, the fraction of the crossings set up, then landed. */
    public static final String SETTING_UP = "animation: setting up the chunks' hops";
    public static final String SIMULATING = "animation: simulating the chunks";
    /**
     * One chunk crossing one directed link.
     *
     * @param tree     index of the tree in the schedule
     * @param chunk    chunk number, 0-based
     * @param edge     index of the edge in the tree
     * @param hop      index of the hop along the edge's path (0 = leaving the edge's from)
     * @param stage    the tree's stage
     * @param colour   the tree root's index among the topology's accelerators
     */
    public record Hop(int tree, int chunk, int edge, int hop, int stage, String from, String to, int colour,
                      double start, double end) {
    }

    /** A chunk starting (departs) or finishing (arrives) one hop. */
    public record Event(double time, boolean arrival, Hop hop) {
    }

    private final Schedule schedule;
    private final int chunks;
    private final long bytes;
    private final TreeHops allTrees;
    private final Map<Integer, double[]> stageSpans; // stage → {start, end}
    private final double duration;

    public AnimationTimeline(Topology topology, Schedule schedule, int chunks) {
        this(topology, schedule, chunks, DEFAULT_BYTES);
    }

    public AnimationTimeline(Topology topology, Schedule schedule, int chunks, long bytes) {
        this(topology, schedule, chunks, bytes, Progress.NONE);
    }

    /**
     * Throws IllegalArgumentException for chunks < 1, bytes < 1, a path over a missing link, or too many
     * hops; CancelledException when progress is cancelled (it is checked as the hops are set up and
     * simulated, and told how far they are).
     */
    public AnimationTimeline(Topology topology, Schedule schedule, int chunks, long bytes, Progress progress) {
        if (chunks < 1) {
            throw new IllegalArgumentException("chunks must be 1 or more, not " + chunks);
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("bytes must be 1 or more, not " + bytes);
        }
        progress.checkCancelled();
        this.schedule = schedule;
        this.chunks = chunks;
        this.bytes = bytes;
        NetworkGraph g = NetworkGraph.of(topology);
        long hopCount = 0;
        for (ScheduleTree t : schedule.trees()) {
            for (TreeEdge e : t.edges()) {
                hopCount += e.path().size() - 1L;
            }
        }
        if (hopCount * chunks > MAX_HOPS) {
            throw new IllegalArgumentException("the animation would have " + hopCount * chunks
                    + " chunk crossings (more than " + MAX_HOPS + "); use fewer chunks");
        }
        Map<String, Integer> colour = new HashMap<>();
        List<Node> acc = topology.accelerators();
        for (int i = 0; i < acc.size(); i++) {
            colour.put(acc.get(i).id(), i);
        }
        TreeMap<Integer, List<Integer>> byStage = new TreeMap<>();
        for (int i = 0; i < schedule.trees().size(); i++) {
            byStage.computeIfAbsent(schedule.trees().get(i).stage(), s -> new ArrayList<>()).add(i);
        }
        // the simulation starts hops in time order and lands them in time order: no sorting (seconds at 4M)
        List<Hop> all = new ArrayList<>();
        double[] ends = new double[Math.toIntExact(hopCount * chunks)];
        stageSpans = new LinkedHashMap<>();
        Advance advance = new Advance(progress, hopCount * chunks);
        double now = 0;
        for (Map.Entry<Integer, List<Integer>> e : byStage.entrySet()) {
            double end = new StageSimulation(g, schedule, e.getKey(), e.getValue(), colour, now, advance).run(all, ends);
            stageSpans.put(e.getKey(), new double[] {now, end});
            now = end;
        }
        duration = now;
        progress.checkCancelled();
        allTrees = new TreeHops(all, ends);
    }

    public Schedule schedule() {
        return schedule;
    }

    public int chunks() {
        return chunks;
    }

    public long bytes() {
        return bytes;
    }

    /** Seconds from the first chunk leaving to the last landing. */
    public double duration() {
        return duration;
    }

    /** Stage → the simulated time its last chunk lands. */
    public Map<Integer, Double> stageEndTimes() {
        Map<Integer, Double> m = new LinkedHashMap<>();
        stageSpans.forEach((s, span) -> m.put(s, span[1]));
        return m;
    }

    /** Stage → simulated seconds from its start to its end. */
    public Map<Integer, Double> stageDurations() {
        Map<Integer, Double> m = new LinkedHashMap<>();
        stageSpans.forEach((s, span) -> m.put(s, span[1] - span[0]));
        return m;
    }

    /** Every hop crossing, by start time (hops starting together in the order of their links). */
    public List<Hop> hops() {
        return allTrees.hops();
    }

    /** The chunks in flight at this time (start < time < end), with their progress along the hop. */
    public List<Chunk> markersAt(double time) {
        return allTrees.markersAt(time);
    }

    /** The hops in flight at this time: start < time < end. */
    public List<Hop> inFlight(double time) {
        return allTrees.inFlight(time);
    }

    /** Departures and arrivals with t0 < time ≤ t1, in time order (arrivals first at equal times). */
    public List<Event> eventsBetween(double t0, double t1) {
        List<Event> out = new ArrayList<>();
        for (Hop h : hops()) {
            if (h.start() > t0 && h.start() <= t1) {
                out.add(new Event(h.start(), false, h));
            }
            if (h.end() > t0 && h.end() <= t1) {
                out.add(new Event(h.end(), true, h));
            }
        }
        out.sort(Comparator.comparingDouble(Event::time).thenComparing(ev -> !ev.arrival()));
        return out;
    }

    /** The first time after t at which a chunk departs or arrives, or NaN when there is none. */
    public double nextEventAfter(double t) {
        return allTrees.nextEventAfter(t);
    }

    /** The last time before t at which a chunk departs or arrives, or NaN when there is none. */
    public double previousEventBefore(double t) {
        return allTrees.previousEventBefore(t);
    }

    /** Every tree's hops: what the queries above answer from. */
    public TreeHops forAllTrees() {
        return allTrees;
    }

    /**
     * The hops of these trees (indices in the schedule; others are ignored), indexed for the same
     * queries. One pass over every hop: build it when the shown trees change, not per frame. Their chunks
     * keep the times they have among all the trees, because they share links with them.
     */
    public TreeHops forTrees(Set<Integer> trees) {
        List<Hop> mine = new ArrayList<>();
        for (Hop h : allTrees.hops()) {
            if (trees.contains(h.tree())) {
                mine.add(h);
            }
        }
        double[] ends = new double[mine.size()];
        for (int i = 0; i < ends.length; i++) {
            ends[i] = mine.get(i).end();
        }
        Arrays.sort(ends);
        return new TreeHops(mine, ends);
    }

    /**
     * Hop crossings (of every tree or of some) sorted by start, with their start times and distinct
     * event times in arrays, so that a frame's chunks and a step's next event are binary searches.
     */
    public static final class TreeHops {
        private final List<Hop> hops;            // sorted by start
        private final double[] starts;           // hops' start times, ascending
        private final double[] eventTimes;       // every distinct start and end, ascending
        private final double maxHopDuration;

        /** hopsByStart: sorted by start time; endsAscending: their end times, ascending. */
        private TreeHops(List<Hop> hopsByStart, double[] endsAscending) {
            hops = Collections.unmodifiableList(hopsByStart);
            starts = new double[hopsByStart.size()];
            double longest = 0;
            for (int i = 0; i < hopsByStart.size(); i++) {
                Hop h = hopsByStart.get(i);
                starts[i] = h.start();
                longest = Math.max(longest, h.end() - h.start());
            }
            maxHopDuration = longest;
            eventTimes = distinctMerge(starts, endsAscending);
        }

        /** These hops, by start time. */
        public List<Hop> hops() {
            return hops;
        }

        /** The chunks in flight at this time (start < time < end), with their progress along the hop. */
        public List<Chunk> markersAt(double time) {
            List<Hop> flying = inFlight(time);
            List<Chunk> out = new ArrayList<>(flying.size());
            for (Hop h : flying) {
                double p = (time - h.start()) / (h.end() - h.start());
                out.add(new Chunk(h.from(), h.to(), Math.max(0, Math.min(1, p)), h.colour()));
            }
            return out;
        }

        /** The hops in flight at this time: start < time < end. */
        public List<Hop> inFlight(double time) {
            List<Hop> out = new ArrayList<>();
            int hi = upper(starts, time, false); // hops with start < time
            double from = time - maxHopDuration;
            for (int i = hi - 1; i >= 0 && starts[i] >= from; i--) {
                Hop h = hops.get(i);
                if (h.start() < time && time < h.end()) {
                    out.add(h);
                }
            }
            Collections.reverse(out);
            return out;
        }

        /** The first time after t at which one of these chunks departs or arrives, or NaN when there is none. */
        public double nextEventAfter(double t) {
            int i = upper(eventTimes, t, true);
            return i < eventTimes.length ? eventTimes[i] : Double.NaN;
        }

        /** The last time before t at which one of these chunks departs or arrives, or NaN when there is none. */
        public double previousEventBefore(double t) {
            int i = upper(eventTimes, t, false) - 1;
            return i >= 0 ? eventTimes[i] : Double.NaN;
        }
    }

    /** The distinct values of two ascending arrays, ascending. */
    private static double[] distinctMerge(double[] a, double[] b) {
        double[] out = new double[a.length + b.length];
        int n = 0;
        for (int i = 0, j = 0; i < a.length || j < b.length; ) {
            double x = j == b.length || i < a.length && a[i] <= b[j] ? a[i++] : b[j++];
            if (n == 0 || x != out[n - 1]) {
                out[n++] = x;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Count of a[i] < x (inclusive=false) or a[i] ≤ x (inclusive=true) in ascending a. */
    private static int upper(double[] a, double x, boolean inclusive) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (inclusive ? a[mid] <= x : a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ------------------------------------------------------------------ simulation

    /** How far the construction is, of total hop crossings: set up, then landed; checks the cancel as they go. */
    private static final class Advance {
        private final Progress progress;
        private final long total;
        private final CheckPacer pacer = new CheckPacer(CHECK_EVERY);
        private long setUp;
        private long landed;

        Advance(Progress progress, long total) {
            this.progress = progress;
            this.total = Math.max(1, total);
        }

        void setUp(long crossings) {
            setUp += crossings;
            pace(crossings, SETTING_UP, setUp);
        }

        /** A crossing ready at the stage's start, queued for its link. */
        void queued() {
            pace(1, SIMULATING, landed);
        }

        void landed() {
            landed++;
            pace(1, SIMULATING, landed);
        }

        private void pace(long units, String stage, long count) {
            if (pacer.due(units)) {
                progress.report(stage, (double) count / total);
                progress.checkCancelled();
            }
        }
    }

    /** The list scheduling of one stage. */
    private final class StageSimulation {
        private final NetworkGraph g;
        private final Schedule s;
        private final int stage;
        private final List<Integer> treeIds;
        private final Map<String, Integer> colour;
        private final double start;
        private final Advance advance;

        StageSimulation(NetworkGraph g, Schedule s, int stage, List<Integer> treeIds, Map<String, Integer> colour,
                        double start, Advance advance) {
            this.g = g;
            this.s = s;
            this.stage = stage;
            this.treeIds = treeIds;
            this.colour = colour;
            this.start = start;
            this.advance = advance;
        }

        /** One pending hop crossing. */
        private final class Task {
            final int tree;
            final int chunk;
            final int edge;
            final int hop;
            final int arc;
            final double length;
            final List<Task> dependents = new ArrayList<>(2);
            int waiting;
            double ready;
            double begin;
            double end;

            Task(int tree, int chunk, int edge, int hop, int arc, double length) {
                this.tree = tree;
                this.chunk = chunk;
                this.edge = edge;
                this.hop = hop;
                this.arc = arc;
                this.length = length;
            }
        }

        /**
         * Simulates the stage: adds its hops to byStart as they start, their end times to ends (from
         * byStart's size on) as they land; both in time order, since the clock only moves on. Its end.
         */
        double run(List<Hop> byStart, double[] ends) {
            int n = g.acceleratorCount();
            List<Task> tasks = new ArrayList<>();
            // per tree: last hop of chunk c of each edge, and first hops of edges leaving each vertex
            Map<Integer, Task[][]> lastHop = new HashMap<>();
            Map<Integer, Task[][]> firstHop = new HashMap<>();
            for (int ti : treeIds) {
                ScheduleTree t = s.trees().get(ti);
                Rational perLink = t.phase().perShard() ? t.share().divide(n) : t.share();
                double chunkBytes = perLink.toDouble() * bytes / chunks;
                Task[][] last = new Task[t.edges().size()][chunks];
                Task[][] first = new Task[t.edges().size()][chunks];
                for (int ei = 0; ei < t.edges().size(); ei++) {
                    List<String> path = t.edges().get(ei).path();
                    for (int c = 0; c < chunks; c++) {
                        Task prev = null;
                        for (int h = 0; h + 1 < path.size(); h++) {
                            int a = g.arc(g.indexOf(path.get(h)), g.indexOf(path.get(h + 1)));
                            if (a < 0) {
                                throw new IllegalArgumentException("tree rooted at " + t.root() + ": no link "
                                        + path.get(h) + "->" + path.get(h + 1));
                            }
                            double seconds = chunkBytes / (g.bandwidth(a).toDouble() * 1e9);
                            Task task = new Task(ti, c, ei, h, a, seconds);
                            tasks.add(task);
                            if (prev == null) {
                                first[ei][c] = task;
                            } else {
                                depend(prev, task);
                            }
                            prev = task;
                        }
                        last[ei][c] = prev;
                        advance.setUp(path.size() - 1L);
                    }
                }
                lastHop.put(ti, last);
                firstHop.put(ti, first);
                // tree edges join at vertices: the edges arriving at v feed the edges leaving v
                Map<String, List<Integer>> arriving = new HashMap<>();
                for (int ei = 0; ei < t.edges().size(); ei++) {
                    arriving.computeIfAbsent(t.edges().get(ei).to(), k -> new ArrayList<>()).add(ei);
                }
                for (int ei = 0; ei < t.edges().size(); ei++) {
                    List<Integer> feeders = arriving.getOrDefault(t.edges().get(ei).from(), List.of());
                    for (int f : feeders) {
                        for (int c = 0; c < chunks; c++) {
                            depend(last[f][c], first[ei][c]);
                        }
                    }
                }
            }
            pairBroadcastsWithReduces(lastHop, firstHop);

            @SuppressWarnings("unchecked")
            PriorityQueue<Task>[] queue = new PriorityQueue[g.arcCount()];
            boolean[] busy = new boolean[g.arcCount()];
            Comparator<Task> order = Comparator.<Task>comparingInt(x -> x.chunk)
                    .thenComparingDouble(x -> x.ready).thenComparingInt(x -> x.tree)
                    .thenComparingInt(x -> x.edge).thenComparingInt(x -> x.hop);
            PriorityQueue<Task> running = new PriorityQueue<>(Comparator.<Task>comparingDouble(x -> x.end)
                    .thenComparingInt(x -> x.arc));
            TreeSet<Integer> touched = new TreeSet<>();
            for (Task task : tasks) {
                if (task.waiting == 0) {
                    task.ready = start;
                    enqueue(queue, order, task);
                    touched.add(task.arc);
                    advance.queued();
                }
            }
            double now = start;
            double end = start;
            int landed = byStart.size();
            int done = 0;
            while (true) {
                for (int a : touched) {
                    if (!busy[a] && queue[a] != null && !queue[a].isEmpty()) {
                        Task task = queue[a].poll();
                        task.begin = Math.max(now, task.ready); // now: ready is never later
                        task.end = task.begin + task.length;
                        busy[a] = true;
                        running.add(task);
                        ScheduleTree t = s.trees().get(task.tree);
                        List<String> path = t.edges().get(task.edge).path();
                        byStart.add(new Hop(task.tree, task.chunk, task.edge, task.hop, stage, path.get(task.hop),
                                path.get(task.hop + 1), colour.getOrDefault(t.root(), 0), task.begin, task.end));
                    }
                }
                touched.clear();
                if (running.isEmpty()) {
                    break;
                }
                now = running.peek().end;
                while (!running.isEmpty() && running.peek().end == now) {
                    Task task = running.poll();
                    advance.landed();
                    ends[landed++] = task.end;
                    done++;
                    end = Math.max(end, task.end);
                    busy[task.arc] = false;
                    touched.add(task.arc);
                    for (Task d : task.dependents) {
                        d.ready = Math.max(d.ready, now);
                        if (--d.waiting == 0) {
                            enqueue(queue, order, d);
                            touched.add(d.arc);
                        }
                    }
                }
            }
            if (done != tasks.size()) {
                throw new IllegalArgumentException("stage " + stage + ": trees with a cycle or an edge that never "
                        + "receives data (" + (tasks.size() - done) + " hop crossings left)");
            }
            return end;
        }

        /** In a stage with reduce and broadcast trees, a broadcast's chunk c leaves its root when the reduce's arrived. */
        private void pairBroadcastsWithReduces(Map<Integer, Task[][]> lastHop, Map<Integer, Task[][]> firstHop) {
            List<Integer> reduces = new ArrayList<>();
            for (int ti : treeIds) {
                if (s.trees().get(ti).phase() == Phase.REDUCE) {
                    reduces.add(ti);
                }
            }
            for (int ti : treeIds) {
                ScheduleTree b = s.trees().get(ti);
                if (b.phase() != Phase.BROADCAST) {
                    continue;
                }
                Integer match = null;
                for (int r : reduces) {
                    ScheduleTree rt = s.trees().get(r);
                    if (rt.root().equals(b.root()) && rt.share().equals(b.share())) {
                        match = r;
                        break;
                    }
                }
                if (match == null) {
                    continue;
                }
                reduces.remove(match);
                ScheduleTree rt = s.trees().get(match);
                for (int ei = 0; ei < b.edges().size(); ei++) {
                    if (!b.edges().get(ei).from().equals(b.root())) {
                        continue;
                    }
                    for (int ri = 0; ri < rt.edges().size(); ri++) {
                        if (!rt.edges().get(ri).to().equals(rt.root())) {
                            continue;
                        }
                        for (int c = 0; c < chunks; c++) {
                            depend(lastHop.get(match)[ri][c], firstHop.get(ti)[ei][c]);
                        }
                    }
                }
            }
        }

        private void depend(Task before, Task after) {
            if (before == null || after == null) {
                return;
            }
            before.dependents.add(after);
            after.waiting++;
        }

        private void enqueue(PriorityQueue<Task>[] queue, Comparator<Task> order, Task task) {
            if (queue[task.arc] == null) {
                queue[task.arc] = new PriorityQueue<>(order);
            }
            queue[task.arc].add(task);
        }
    }

    @Override
    public String toString() {
        return "AnimationTimeline[" + schedule.trees().size() + " trees, " + chunks + " chunks, duration "
                + duration + " s, stages " + Arrays.toString(stageEndTimes().values().toArray()) + "]";
    }
}
