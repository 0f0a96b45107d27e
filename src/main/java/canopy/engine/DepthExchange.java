package canopy.engine;

import canopy.model.Phase;
import canopy.model.Rational;
import canopy.model.ScheduleTree;
import canopy.model.TreeEdge;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers the deepest trees of a schedule without moving any load. Two trees of the same stage, phase
 * and share each join an accelerator v to their parent by an edge (a physical path); swapping those two
 * edges leaves every link carrying exactly what it carried, so a forest at the bound stays at it. The
 * swap keeps both trees spanning when neither new parent lies below v in the tree that receives it.
 *
 * <p>The time model charges each stage its deepest tree, so the search repeatedly takes the deepest
 * tree A of a stage and the path to its deepest vertex, and makes the swap, at a vertex of that path
 * with a tree of A's group, that leaves both trees shallowest (the larger of the two new depths, then
 * their sum), among swaps after which both subtrees moved lie above A's depth; where A's group has none,
 * a tree of a larger share is split first, its copy joining A's group. Trees are ordered by (depth, how
 * many vertices lie at it), so a swap that clears one of several deepest branches counts; every accepted
 * swap lowers the stage's pairs sorted from the largest, lexicographically, so the search ends; it also
 * ends when A has no such swap, or after a bounded number of candidates looked at. Latencies are whole multiples of
 * {@link LatencyScale}'s unit: exact.
 */
public final class DepthExchange {
    /**
     * Candidates (vertex, tree) looked at per stage, at most: about two seconds of CPU at 1,024
     * accelerators (there about 100 ns each; 40 ns at 256). At 256 accelerators the search stopped on
     * its own before (allreduce on the README's five shapes: 3–19 million per stage).
     */
    static final long CANDIDATE_BUDGET = 20_000_000L;

    private final Progress progress;
    /** Every tree, in the schedule's order, a split-off copy right after its tree. */
    private final List<ExchangeTree> all = new ArrayList<>();
    /** The trees that may swap edges with each other: one stage, phase and share. */
    private final Map<GroupKey, ExchangeGroup> groups = new LinkedHashMap<>();
    private final int vertices;
    private long candidates;
    private long exchanges;
    private long splits;

    private DepthExchange(Progress progress, int vertices) {
        this.progress = progress;
        this.vertices = vertices;
    }

    /** What a pass did: swaps made, trees split to make one, candidates looked at. */
    public record Stats(long exchanges, long splits, long candidates) {
    }

    /**
     * The trees of a schedule on g, in the same order, with parent edges exchanged so that each stage's
     * deepest tree is as shallow as this search gets it; every link's load is unchanged.
     */
    public static List<ScheduleTree> lowered(NetworkGraph g, List<ScheduleTree> trees, Progress progress) {
        return run(g, trees, progress).trees;
    }

    /** {@link #lowered} and its stats, for tests and the trace. */
    static Result run(NetworkGraph g, List<ScheduleTree> trees, Progress progress) {
        Map<String, Integer> index = new HashMap<>();
        for (int v : g.accelerators()) {
            index.put(g.id(v), index.size());
        }
        LatencyScale latency = LatencyScale.of(g, ScheduleAnalyzer.DEFAULT_LATENCY_US);
        long t0 = System.nanoTime();
        long cpu0 = EngineTrace.cpuNanos();
        DepthExchange search = new DepthExchange(progress, index.size());
        Map<Integer, List<ExchangeTree>> byStage = new LinkedHashMap<>();
        for (ScheduleTree t : trees) {
            ExchangeTree x = new ExchangeTree(t, index, e -> latency.path(g, e));
            search.all.add(x);
            byStage.computeIfAbsent(t.stage(), s -> new ArrayList<>()).add(x);
            search.group(x).add(x);
        }
        for (List<ExchangeTree> stage : byStage.values()) {
            search.lowerStage(stage);
        }
        List<ScheduleTree> out = new ArrayList<>(search.all.size());
        for (ExchangeTree x : search.all) {
            out.add(x.toScheduleTree());
        }
        EngineTrace.line("depth exchange: %d swaps, %d splits, %d candidates, %d ms (cpu %d ms)", search.exchanges,
                search.splits, search.candidates, (System.nanoTime() - t0) / 1_000_000,
                (EngineTrace.cpuNanos() - cpu0) / 1_000_000);
        return new Result(out, new Stats(search.exchanges, search.splits, search.candidates));
    }

    record Result(List<ScheduleTree> trees, Stats stats) {
    }

    private record GroupKey(int stage, Phase phase, Rational share) {
    }

    private void lowerStage(List<ExchangeTree> stage) {
        long start = candidates;
        while (candidates - start < CANDIDATE_BUDGET) {
            progress.checkCancelled();
            ExchangeTree deepest = stage.get(0);
            for (ExchangeTree x : stage) {
                if (ExchangeTree.compareDepth(x.deepest(), x.deepestCount(), deepest.deepest(),
                        deepest.deepestCount()) > 0) {
                    deepest = x;
                }
            }
            if (!lower(deepest, stage)) {
                EngineTrace.line("depth exchange: stage stuck at %d (tree of %s, share %s)", deepest.deepest(),
                        deepest.source().root(), deepest.share());
                return;
            }
        }
    }

    /** The best swap found for a deepest tree: at vertex, with partner (split first when its share is larger). */
    private static final class Swap {
        ExchangeTree partner;
        int vertex = -1;
        long max = Long.MAX_VALUE;
        long sum = Long.MAX_VALUE;

        void offer(ExchangeTree b, int v, long newA, long newB) {
            long m = Math.max(newA, newB);
            long s = newA + newB;
            if (m < max || m == max && s < sum) {
                partner = b;
                vertex = v;
                max = m;
                sum = s;
            }
        }
    }

    /**
     * Makes the best swap that lowers a, a deepest tree of stage, with a partner of a's share (one of
     * a larger share, split, where none of a's share will do), leaving the partner below a as a was;
     * false when there is none.
     */
    private boolean lower(ExchangeTree a, List<ExchangeTree> stage) {
        List<Integer> path = new ArrayList<>();
        for (int v = a.deepestVertex(); v >= 0; v = a.parent[v]) {
            path.add(0, v);
        }
        long[] outside = deepestOutside(a, path);
        Swap best = new Swap();
        GroupKey own = key(a);
        scan(a, path, outside, groups.get(own), best);
        for (Map.Entry<GroupKey, ExchangeGroup> e : groups.entrySet()) {
            GroupKey k = e.getKey();
            if (best.partner == null && k.stage == own.stage && k.phase == own.phase
                    && k.share.compareTo(own.share) > 0) {
                scan(a, path, outside, e.getValue(), best);
            }
        }
        if (best.partner == null) {
            return false;
        }
        ExchangeTree b = best.partner;
        if (!b.share().equals(a.share())) {
            b = split(b, a.share(), stage);
        }
        long[] before = {a.deepest(), a.deepestCount(), b.deepest(), b.deepestCount()};
        a.exchangeAt(best.vertex, b);
        group(a).update(a, best.vertex);
        group(b).update(b, best.vertex);
        exchanges++;
        // Both new subtrees lie above a's old depth, a lost a deepest vertex at least, and b (no deeper
        // than a) gained none: the stage's (deepest, count at it) pairs, sorted, dropped, which is what
        // ends the search.
        if (comparePairs(new long[] {a.deepest(), a.deepestCount(), b.deepest(), b.deepestCount()}, before) >= 0) {
            throw new IllegalStateException("depth exchange did not lower the tree of " + a.source().root());
        }
        return true;
    }

    /** Two trees' {deepest, count, deepest, count}, each sorted from the deeper, compared. */
    private static int comparePairs(long[] x, long[] y) {
        long[][] xs = sortedPair(x);
        long[][] ys = sortedPair(y);
        for (int i = 0; i < 2; i++) {
            int c = ExchangeTree.compareDepth(xs[i][0], (int) xs[i][1], ys[i][0], (int) ys[i][1]);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static long[][] sortedPair(long[] x) {
        long[] first = {x[0], x[1]};
        long[] second = {x[2], x[3]};
        return ExchangeTree.compareDepth(x[0], (int) x[1], x[2], (int) x[3]) >= 0
                ? new long[][] {first, second} : new long[][] {second, first};
    }

    /** Offers best every swap of a, at a vertex of path, with a tree of partners, that lowers a. */
    private void scan(ExchangeTree a, List<Integer> path, long[] outside, ExchangeGroup partners, Swap best) {
        long was = a.deepest();
        for (int i = 1; i < path.size(); i++) {
            int v = path.get(i);
            int p = a.parent[v];
            int[] parents = partners.parentsAt(v);
            long[] latencies = partners.latenciesAt(v);
            for (int j = 0; j < partners.size(); j++) {
                candidates++;
                // The first test (most candidates fail it) reads only the group's side-by-side arrays.
                int q = parents[j];
                if (q < 0) {
                    continue;
                }
                long newSubtreeA = Math.addExact(Math.addExact(a.depth[q], latencies[j]), a.height[v]);
                if (newSubtreeA >= was) {
                    continue;
                }
                ExchangeTree b = partners.tree(j);
                if (b == a) {
                    continue;
                }
                long newSubtreeB = Math.addExact(Math.addExact(b.depth[p], a.latency[v]), b.height[v]);
                if (newSubtreeB < was && !a.below(q, v) && !b.below(p, v)) {
                    best.offer(b, v, Math.max(outside[i], newSubtreeA), newSubtreeB);
                }
            }
        }
    }

    /** Splits part off b into a tree of its own (same edges), kept in b's stage and in its share's group. */
    private ExchangeTree split(ExchangeTree b, Rational part, List<ExchangeTree> stage) {
        group(b).remove(b);
        ExchangeTree copy = b.split(part);
        group(b).add(b);
        group(copy).add(copy);
        stage.add(copy);
        all.add(all.indexOf(b) + 1, copy);
        splits++;
        return copy;
    }

    private ExchangeGroup group(ExchangeTree t) {
        return groups.computeIfAbsent(key(t), k -> new ExchangeGroup(vertices));
    }

    private static GroupKey key(ExchangeTree t) {
        return new GroupKey(t.source().stage(), t.source().phase(), t.share());
    }

    /**
     * For each vertex path[i] of a's root path, the deepest vertex of a outside its subtree: the
     * depth a keeps whatever that subtree's new depth.
     */
    private static long[] deepestOutside(ExchangeTree a, List<Integer> path) {
        int n = a.parent.length;
        int[] onPath = new int[n];
        java.util.Arrays.fill(onPath, -1);
        for (int i = 0; i < path.size(); i++) {
            onPath[path.get(i)] = i;
        }
        // Each vertex's lowest ancestor on the path (preorder: parents first).
        int[] lowest = new int[n];
        long[] bucket = new long[path.size()];
        for (int v : a.preorder()) {
            lowest[v] = onPath[v] >= 0 ? onPath[v] : lowest[a.parent[v]];
            bucket[lowest[v]] = Math.max(bucket[lowest[v]], a.depth[v]);
        }
        long[] outside = new long[path.size()];
        long running = 0;
        for (int i = 0; i < path.size(); i++) {
            outside[i] = running;
            running = Math.max(running, bucket[i]);
        }
        return outside;
    }
}
