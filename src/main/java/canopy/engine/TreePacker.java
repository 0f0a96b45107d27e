package canopy.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Packs k spanning out-trees per root into integer arc capacities on accelerators only
 * (algorithm.md §4), given that every accelerator has connectivity N·k from a source feeding each
 * accelerator k (Edmonds' branching theorem then guarantees the packing).
 *
 * <p>Partial trees carry a multiplicity (identical copies not yet told apart). Growing tree T
 * (multiplicity C, vertex set X) by an arc x→y only lowers the in-cut of sets Y with y ∈ Y, x ∉ Y
 * that T already touches, so the number of copies that may take the arc is
 * min(C, c(x,y), f − Σ other multiplicities), with f the max-flow x→y in the remaining arcs plus, for
 * every other unfinished tree j, a node fed by x with its multiplicity and feeding X_j unboundedly.
 * Finished trees touch every set and cancel out of that formula, so they are left out.
 */
final class TreePacker {
    /**
     * A tree under construction or finished. Vertices and arcs use compact indices 0..N−1. Held in
     * int arrays (a 4,096-accelerator pod keeps about 4,000 trees of 4,096 nodes: boxed lists of them
     * took most of a 2 GB heap).
     */
    static final class PartialTree {
        final int root;
        long multiplicity;
        final boolean[] member;
        /** order[i]: the i-th node to join; parent[i]: the node it joined from (−1 for the root). */
        private final int[] order;
        private final int[] parent;
        private int size;
        /** {@link #exits}' last answer and the size it was found at (capacities only fall since). */
        int[] exits;
        int exitsAtSize = -1;

        PartialTree(int root, long multiplicity, int n) {
            this.root = root;
            this.multiplicity = multiplicity;
            this.member = new boolean[n];
            this.order = new int[n];
            this.parent = new int[n];
            member[root] = true;
            order[0] = root;
            parent[0] = -1;
            size = 1;
        }

        PartialTree(PartialTree o, long multiplicity) {
            this.root = o.root;
            this.multiplicity = multiplicity;
            this.member = o.member.clone();
            this.order = o.order.clone();
            this.parent = o.parent.clone();
            this.size = o.size;
            this.exits = o.exits;
            this.exitsAtSize = o.exitsAtSize;
        }

        int size() {
            return size;
        }

        /** The i-th node to join (0: the root). */
        int node(int i) {
            return order[i];
        }

        /** The arcs, in the order they joined: arcs − 1 of them, the i-th is arcFrom(i) → arcTo(i). */
        int arcs() {
            return size - 1;
        }

        int arcFrom(int i) {
            return parent[i + 1];
        }

        int arcTo(int i) {
            return order[i + 1];
        }

        void add(int x, int y) {
            member[y] = true;
            order[size] = y;
            parent[size] = x;
            size++;
        }
    }

    private final int n;
    private final long[][] capacity;
    /** Out-neighbours with positive initial capacity (capacities only go down). */
    private final int[][] neighbours;
    /** latency[x][y]: what arc x→y adds to a tree's depth (µs of its physical path); null unless shallow. */
    private final double[][] latency;
    private int arcCount;
    private final Progress progress;
    /** Try widest-arc tree batches before the exact arc-by-arc construction. */
    private final boolean batching;
    private final ParallelFlows flows = new ParallelFlows();
    /** The exact construction's question (how many copies an arc admits). */
    private final ArcAdmission admission;
    private final List<PartialTree> unfinished = new ArrayList<>();
    private long flowQueries;
    private long shortcuts;
    /** Exact-construction flows by answer: every copy fits, some do, none does (for the trace). */
    private long flowsFull;
    private long flowsPartial;
    private long flowsRefused;
    private long flowEdges;
    /**
     * Sets whose in-cut refused widest-arc batches overdrew (sink sides of violated cuts). Widest
     * trees enter each at most as often as its slack allows; this only shapes the guesses, every
     * batch is still checked against Edmonds' condition.
     */
    private final List<TightSet> tightSets = new ArrayList<>();
    /** The order in which a connectivity check visits sinks (see {@link #failingFirst}). */
    private final int[] sinkOrder;
    /** Roots in the last batch a check kept (all of them until a batch is refused). */
    private int keptBatch = Integer.MAX_VALUE;
    /** setsWith[y]: indices into {@link #tightSets} of the sets holding y (arc x→y enters those without x). */
    private final List<List<Integer>> setsWith = new ArrayList<>();
    /** In-neighbours with positive initial capacity. */
    private final int[][] inNeighbours;

    /**
     * A learnt set, with its members listed on the smaller side so that its slack costs
     * O(min(|X|, N − |X|) · degree) rather than O(arcs).
     */
    private record TightSet(boolean[] member, int[] smallerSide, boolean smallerSideInside) {
        static TightSet of(boolean[] member) {
            int inside = 0;
            for (boolean b : member) {
                if (b) {
                    inside++;
                }
            }
            boolean listInside = inside <= member.length - inside;
            int[] side = new int[listInside ? inside : member.length - inside];
            for (int u = 0, c = 0; u < member.length; u++) {
                if (member[u] == listInside) {
                    side[c++] = u;
                }
            }
            return new TightSet(member, side, listInside);
        }
    }
    /** Rebuilds of one refused batch around newly learnt sets before it is halved. */
    private static final int MAX_RETRIES = 8;
    /** Connectivity checks one refused root may spend on fewer widest copies before the exact way. */
    private static final int FEWER_COPIES_CHECKS = 16;
    /** Refused shallow batches in a row after which the packing builds only widest trees. */
    private static final int SHALLOW_TRIES = 3;
    private int shallowTries;
    /**
     * An attempt at shallow trees: it gives up ({@link GaveUpException}) rather than pay for more flows
     * than {@link #ATTEMPT_CHECKS} connectivity checks take.
     */
    private final boolean shallowAttempt;
    private static final int ATTEMPT_CHECKS = 64;

    /** Thrown by a shallow attempt that would cost more than the plain construction is worth. */
    static final class GaveUpException extends RuntimeException {
        GaveUpException() {
            super(null, null, false, false);
        }
    }

    /**
     * capacity[x][y]: arc capacities between compact accelerator indices, taken over (the packing
     * lowers them as trees use them; a copy would cost 134 MB at 4,096 accelerators).
     */
    TreePacker(long[][] capacity, double[][] latency, boolean batching, boolean shallow, Progress progress) {
        this.batching = batching;
        this.shallowAttempt = shallow;
        this.shallowTries = shallow ? SHALLOW_TRIES : 0;
        this.latency = latency;
        this.n = capacity.length;
        this.sinkOrder = new int[n];
        for (int v = 0; v < n; v++) {
            sinkOrder[v] = v;
        }
        this.capacity = capacity;
        this.neighbours = new int[n][];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < n; j++) {
                if (capacity[i][j] > 0) {
                    count++;
                }
            }
            neighbours[i] = new int[count];
            for (int j = 0, c = 0; j < n; j++) {
                if (capacity[i][j] > 0) {
                    neighbours[i][c++] = j;
                }
            }
            arcCount += count;
        }
        int[] inCount = new int[n];
        for (int[] out : neighbours) {
            for (int y : out) {
                inCount[y]++;
            }
        }
        this.inNeighbours = new int[n][];
        for (int y = 0; y < n; y++) {
            inNeighbours[y] = new int[inCount[y]];
            inCount[y] = 0;
            setsWith.add(new ArrayList<>());
        }
        for (int x = 0; x < n; x++) {
            for (int y : neighbours[x]) {
                inNeighbours[y][inCount[y]++] = x;
            }
        }
        this.progress = progress;
        this.admission = new ArcAdmission(capacity, neighbours, inNeighbours, arcCount, unfinished);
    }

    long flowQueries() {
        return flowQueries;
    }

    /**
     * k trees per root, as distinct trees with multiplicities adding up to k per root. Cheap first:
     * widest-arc trees are built for a batch of roots at once and kept when the roots still to be
     * served keep Edmonds' condition (one connectivity check of N flows); a failing batch is halved
     * (group testing). Roots no batch serves get the exact arc-by-arc construction.
     */
    List<PartialTree> pack(long k) {

        long[] left = new long[n];
        java.util.Arrays.fill(left, k);
        List<PartialTree> finished = new ArrayList<>();
        while (true) {
            List<Integer> roots = new ArrayList<>();
            for (int r = 0; r < n; r++) {
                if (left[r] > 0) {
                    roots.add(r);
                }
            }
            if (roots.isEmpty()) {
                EngineTrace.line("packing: %d flow queries, %d distinct trees, %d learnt sets; %d checks proved %d"
                        + " sinks in %.3f s", flowQueries, finished.size(), tightSets.size(), proofChecks, provenSinks,
                        proofNanos / 1e9);
                return finished;
            }
            progress.checkCancelled();
            reportPacking(n - roots.size());
            int built = 0;
            if (this.batching) {
                // Batches twice as large as the last one kept, halved down to single roots when refused:
                // a kept check costs N flows however many roots it serves, so batches should be as
                // large as pass, and a refusal costs a flow or a few (failingFirst).
                int size = (int) Math.min(roots.size(), 2L * keptBatch);
                for (int from = 0; from < roots.size(); from += size) {
                    built += packBatch(new ArrayList<>(roots.subList(from, Math.min(roots.size(), from + size))),
                            left, finished);
                }
            }
            if (built == 0) {
                // One root on its own, then batches again: a refused batch often passes once the root
                // whose trees it could not fit is served (what it learnt stays). Batching stays on: a
                // refusal costs a flow or a few (failingFirst), and one root at a time would cost a
                // check of N flows per root.
                long t0 = EngineTrace.cpuNanos(), f0 = flowQueries;
                int root = roots.get(0);
                long wanted = left[root];
                if (this.batching) {
                    packFewerCopies(root, left, finished);
                }
                long widest = wanted - left[root];
                if (left[root] > 0) {
                    packExactly(root, left, finished);
                }
                if (EngineTrace.ON) {
                    EngineTrace.line("root %d: %d of %d copies as widest trees, the rest exactly: %d flows %.3f s CPU"
                            + " (%d roots left), %d shortcuts; flows so far: %d full, %d partial, %d refused,"
                            + " %d edges a flow, %d trees joined", root, widest, wanted, flowQueries - f0,
                            (EngineTrace.cpuNanos() - t0) / 1e9, roots.size(), shortcuts, flowsFull, flowsPartial,
                            flowsRefused, flowEdges / Math.max(1, flowsFull + flowsPartial + flowsRefused), joined);
                }
            }
        }
    }

    /**
     * Reports the roots served (or being served in a batch) so far; never lower than reported before,
     * so a refused batch holds the bar rather than moving it back.
     */
    private void reportPacking(int roots) {
        reportedRoots = Math.max(reportedRoots, roots);
        progress.report("packing trees", (double) reportedRoots / n);
    }

    private int reportedRoots;

    /**
     * Builds widest-arc trees for these roots where that stays feasible; returns how many it kept.
     * A refused batch teaches the set whose in-cut it overdrew (see {@link #tightSets}); the batch is
     * rebuilt around what it learnt while each refusal teaches a new set, then halved. A single root
     * is not rebuilt here: {@link #packFewerCopies} takes it on with fewer copies.
     */
    private int packBatch(List<Integer> roots, long[] left, List<PartialTree> finished) {
        boolean tryShallow = shallowTries > 0;
        // Larger than the last batch kept: halved untried (such batches were refused, at a check each).
        boolean untried = roots.size() > keptBatch && roots.size() > 1;
        int done = 0;
        for (long l : left) {
            done += l == 0 ? 1 : 0;
        }
        for (int attempt = untried ? MAX_RETRIES + 1 : 0; attempt <= MAX_RETRIES; attempt++) {
            boolean shallow = tryShallow;
            List<PartialTree> built = new ArrayList<>();
            for (int r : roots) {
                progress.checkCancelled(); // a batch of 512 widest trees takes seconds at 1,024
                reportPacking(done + built.size());
                PartialTree t = widestTree(r, left[r], left, shallow);
                if (t == null) {
                    break;
                }
                built.add(t);
                use(t, left, 1);
            }
            withinAttempt();
            boolean[] overdrawn = built.size() == roots.size() ? overdrawnSet(left) : null;
            if (EngineTrace.ON) {
                EngineTrace.line("  batch of %d roots%s: %s", roots.size(), shallow ? " (shallow)" : "",
                        built.size() < roots.size() ? "no tree for root " + roots.get(built.size())
                                : overdrawn == null ? "kept" : "refused");
            }
            if (built.size() == roots.size() && overdrawn == null) {
                finished.addAll(built);
                keptBatch = built.size();
                if (shallow) {
                    shallowTries = SHALLOW_TRIES;
                }
                return built.size();
            }
            for (PartialTree t : built) {
                use(t, left, -1);
            }
            if (shallow) {
                // Shallow trees overdrew a cut: the same batch again as widest trees, which balance
                // the load better. Shallow ones refused often enough are not tried any more.
                shallowTries--;
                tryShallow = false;
                attempt--;
                continue;
            }
            if (overdrawn == null || roots.size() == 1 || attempt >= MAX_RETRIES || !learn(overdrawn)) {
                break;
            }
        }
        if (roots.size() == 1) {
            return 0;
        }
        int mid = roots.size() / 2;
        return packBatch(new ArrayList<>(roots.subList(0, mid)), left, finished)
                + packBatch(new ArrayList<>(roots.subList(mid, roots.size())), left, finished);
    }

    /**
     * Widest trees for one root whose batch was refused, asking for half as many copies each time a
     * refusal teaches nothing new (or the learnt sets admit no tree of that many). A check costs at
     * most N flows on the plain graph, the exact construction tens of thousands on larger ones, so a
     * few checks are worth spending first.
     */
    private void packFewerCopies(int root, long[] left, List<PartialTree> finished) {
        long wanted = left[root];
        for (int check = 0; check < FEWER_COPIES_CHECKS && wanted > 0 && left[root] > 0; check++) {
            progress.checkCancelled();
            PartialTree t = widestTree(root, Math.min(wanted, left[root]), left, false);
            if (t == null) {
                // the learnt sets' slack admits no spanning tree of that many copies; fewer may pass
                EngineTrace.line("  root %d: no widest tree of %d copies", root, Math.min(wanted, left[root]));
                wanted /= 2;
                continue;
            }
            use(t, left, 1);
            withinAttempt();
            boolean[] overdrawn = overdrawnSet(left);
            if (overdrawn == null) {
                EngineTrace.line("  root %d: %d copies kept", root, t.multiplicity);
                finished.add(t);
                continue;
            }
            use(t, left, -1);
            boolean learnt = learn(overdrawn);
            EngineTrace.line("  root %d: %d copies refused, %s set", root, t.multiplicity, learnt ? "new" : "known");
            if (!learnt) {
                wanted = t.multiplicity / 2;
            }
        }
    }

    /** Takes t's copies out of the arcs and its root's count (sign 1), or gives them back (sign −1). */
    private void use(PartialTree t, long[] left, int sign) {
        for (int i = 0; i < t.arcs(); i++) {
            capacity[t.arcFrom(i)][t.arcTo(i)] -= sign * t.multiplicity;
        }
        left[t.root] -= sign * t.multiplicity;
    }

    private void withinAttempt() {
        if (shallowAttempt && flowQueries > (long) ATTEMPT_CHECKS * n) {
            throw new GaveUpException();
        }
    }

    /** Adds a set the widest trees should not overdraw; false when it is known already. */
    private boolean learn(boolean[] set) {
        for (TightSet known : tightSets) {
            if (Arrays.equals(known.member(), set)) {
                return false;
            }
        }
        int index = tightSets.size();
        tightSets.add(TightSet.of(set));
        for (int y = 0; y < n; y++) {
            if (set[y]) {
                setsWith.get(y).add(index);
            }
        }
        return true;
    }

    /**
     * Slack of Edmonds' condition at set X for the roots still to serve: in-cut(X) minus the
     * multiplicities left at roots outside X (never negative while the packing stays feasible).
     */
    private long slack(TightSet set, long[] left, long totalLeft) {
        boolean[] in = set.member();
        long s = 0;
        if (set.smallerSideInside()) {
            // in-cut over the members' in-arcs; the roots outside X hold all that is left but X's share
            long leftInside = 0;
            for (int y : set.smallerSide()) {
                leftInside += left[y];
                for (int u : inNeighbours[y]) {
                    if (!in[u]) {
                        s += capacity[u][y];
                    }
                }
            }
            return s - (totalLeft - leftInside);
        }
        for (int u : set.smallerSide()) {
            s -= left[u];
            for (int y : neighbours[u]) {
                if (in[y]) {
                    s += capacity[u][y];
                }
            }
        }
        return s;
    }

    /** An arc offered to a growing tree: its width, and the depth its head would get. */
    private record Offer(long width, double depth, int node) {
    }

    /**
     * A spanning tree from root grown by the widest arc leaving it (Prim on bottleneck capacity),
     * among equally wide arcs the one giving the shallowest node (latency from the root), with
     * multiplicity min(wanted, its narrowest arc); null when no spanning tree is left. Widest first
     * keeps the packing feasible (a tree fills a box through its switch before it leaves over a
     * narrow NIC, so it enters each box once, as tight cuts demand); shallowest among equals turns
     * the chains plain Prim grows into stars and keeps the collective's start-up time low.
     */
    private PartialTree widestTree(int root, long wanted, long[] left, boolean shallow) {
        // Entries into each learnt set this tree may still make, in units of `wanted` copies: a tree
        // rooted outside X must enter X once, and may enter it again only out of X's slack.
        long[] allowed = new long[tightSets.size()];
        long totalLeft = 0;
        for (long l : left) {
            totalLeft = Math.addExact(totalLeft, l);
        }
        for (int i = 0; i < allowed.length; i++) {
            TightSet set = tightSets.get(i);
            allowed[i] = slack(set, left, totalLeft) / wanted + (set.member()[root] ? 0 : 1);
        }
        long[] best = new long[n];
        double[] depth = new double[n];
        int[] parent = new int[n];
        boolean[] in = new boolean[n];
        java.util.Arrays.fill(parent, -1);
        // Width counts up to wanted in shallow trees: an arc with room for every copy is as good as a
        // wider one, and depth decides between them.
        long cap = shallow ? wanted : Long.MAX_VALUE;
        java.util.PriorityQueue<Offer> heap = new java.util.PriorityQueue<>((a, b) -> a.width != b.width
                ? Long.compare(b.width, a.width) : shallow ? Double.compare(a.depth, b.depth) : 0);
        PartialTree t = new PartialTree(root, wanted, n);
        in[root] = true;
        offer(root, cap, shallow, best, depth, parent, in, heap);
        long narrowest = wanted;
        while (!heap.isEmpty() && t.size() < n) {
            Offer top = heap.poll();
            int y = top.node;
            if (in[y] || top.width != best[y] || top.depth != depth[y]) {
                continue;
            }
            if (!mayEnter(parent[y], y, allowed)) {
                // Try the widest arc into y that the learnt sets allow; else wait for a new parent.
                int p = -1;
                long width = 0;
                for (int x : inNeighbours[y]) {
                    if (in[x] && Math.min(capacity[x][y], cap) > width && mayEnter(x, y, allowed)) {
                        width = Math.min(capacity[x][y], cap);
                        p = x;
                    }
                }
                if (p < 0) {
                    best[y] = 0;
                    parent[y] = -1;
                    continue;
                }
                best[y] = width;
                parent[y] = p;
                depth[y] = shallow ? depth[p] + latency[p][y] : 0;
            }
            enter(parent[y], y, allowed);
            in[y] = true;
            narrowest = Math.min(narrowest, best[y]);
            t.add(parent[y], y);
            offer(y, cap, shallow, best, depth, parent, in, heap);
        }
        if (t.size() < n || narrowest <= 0) {
            return null;
        }
        t.multiplicity = narrowest;
        return t;
    }

    /**
     * Offers the arcs out of x, newly in the tree, where they are wider or as wide and shallower.
     * Width counts up to cap.
     */
    private void offer(int x, long cap, boolean shallow, long[] best, double[] depth, int[] parent, boolean[] in,
                       java.util.PriorityQueue<Offer> heap) {
        for (int z : neighbours[x]) {
            long c = Math.min(capacity[x][z], cap);
            double d = shallow ? depth[x] + latency[x][z] : 0;
            if (!in[z] && c > 0 && (c > best[z] || shallow && c == best[z] && d < depth[z])) {
                best[z] = c;
                depth[z] = d;
                parent[z] = x;
                heap.add(new Offer(c, d, z));
            }
        }
    }

    private boolean mayEnter(int x, int y, long[] allowed) {
        for (int i : setsWith.get(y)) {
            if (!tightSets.get(i).member()[x] && allowed[i] <= 0) {
                return false;
            }
        }
        return true;
    }

    private void enter(int x, int y, long[] allowed) {
        for (int i : setsWith.get(y)) {
            if (!tightSets.get(i).member()[x]) {
                allowed[i]--;
            }
        }
    }

    /**
     * Edmonds' condition for the trees still to build, all unstarted: every accelerator can receive
     * Σ left from a source feeding each root its remaining multiplicity. Null when it holds, else
     * the sink side of a violated cut (a set whose in-cut is below the roots outside it need).
     */
    private boolean[] overdrawnSet(long[] left) {
        long need = 0;
        for (long l : left) {
            need = Math.addExact(need, l);
        }
        if (need == 0) {
            return null;
        }
        int s = n;
        FlowNetwork net = new FlowNetwork(n + 1, arcCount + n);
        for (int a = 0; a < n; a++) {
            for (int b : neighbours[a]) {
                if (capacity[a][b] > 0) {
                    net.addEdge(a, b, capacity[a][b]);
                }
            }
        }
        for (int r = 0; r < n; r++) {
            if (left[r] > 0) {
                net.addEdge(s, r, left[r]);
            }
        }
        final long total = need;
        java.util.concurrent.atomic.AtomicLong queries = new java.util.concurrent.atomic.AtomicLong();
        boolean[][] cut = new boolean[1][];
        int[] failedSink = {-1};
        java.util.function.BiPredicate<FlowNetwork, Integer> reaches = (f, v) -> {
            queries.incrementAndGet();
            if (f.maxFlow(s, v, total) >= total) {
                return true;
            }
            boolean[] source = f.sourceSide(s);
            boolean[] set = new boolean[n];
            for (int u = 0; u < n; u++) {
                set[u] = !source[u];
            }
            synchronized (cut) {
                cut[0] = set;
                failedSink[0] = v;
            }
            return false;
        };
        // The sink that failed last first, on its own: a refused batch usually fails there, at one
        // flow. When it passes, the other sinks are proven from it and the source (SinkProofs): if
        // every node of a set P receives `total` from s (s itself trivially) and u receives `total`
        // from P, then u does, since a cut below `total` between s and u would have all of P on s's
        // side and so separate P from u. Only the sinks the proofs miss get a max-flow of their own.
        int hub = sinkOrder[0];
        boolean ok = reaches.test(net, hub);
        if (ok) {
            long t0 = System.nanoTime();
            boolean[] proven = sinkProofs(left).proven(seeds(hub), total, progress);
            proofNanos += System.nanoTime() - t0;
            int[] rest = Arrays.stream(sinkOrder).filter(v -> !proven[v]).toArray();
            proofChecks++;
            provenSinks += n - 1 - rest.length;
            ok = flows.allSinks(net, rest, reaches, progress);
        }
        flowQueries += queries.get();
        if (ok) {
            return null;
        }
        synchronized (cut) {
            failingFirst(failedSink[0], cut[0]);
            return cut[0];
        }
    }

    /** The logical arcs, then one arc from the source (node n) to each root, for {@link SinkProofs}. */
    private SinkProofs proofs;
    /**
     * Arcs a check's proofs may visit, per arc and node, before the sinks left get max-flows of their
     * own. Early checks, where every cut is tight, need thousands: on 32 PCIe servers (256 GPUs) a
     * budget of 128 proved 43 % of the sinks the checks passed, 1,024 proved 90 %; on 128 servers
     * (1,024 GPUs) 1,024 proved 76 % and 8,192 proved 97 % (the checks' max-flows 132,000 → 1,300;
     * 32,768 proved no more). Failed searches keep the old budget of 1,024: at 8,192 for them too
     * the fat tree k=16 and the dragonfly took 3 times as long, proving no more sinks.
     */
    private static final long PROOF_BUDGET = 8192;
    private static final long PROOF_FAILURE_BUDGET = 1024;
    private long[] proofCapacity;
    private long proofChecks;
    private long proofNanos;
    private long provenSinks;

    /** The proofs over the arcs' current capacities and the roots' remaining multiplicities. */
    private SinkProofs sinkProofs(long[] left) {
        if (proofs == null) {
            int[] from = new int[arcCount + n];
            int[] to = new int[arcCount + n];
            int a = 0;
            for (int x = 0; x < n; x++) {
                for (int y : neighbours[x]) {
                    from[a] = x;
                    to[a++] = y;
                }
            }
            for (int r = 0; r < n; r++) {
                from[a] = n;
                to[a++] = r;
            }
            proofCapacity = new long[a];
            proofs = new SinkProofs(n + 1, from, to, proofCapacity, PROOF_BUDGET, PROOF_FAILURE_BUDGET);
        }
        int a = 0;
        for (int x = 0; x < n; x++) {
            for (int y : neighbours[x]) {
                proofCapacity[a++] = capacity[x][y];
            }
        }
        for (int r = 0; r < n; r++) {
            proofCapacity[a++] = left[r];
        }
        return proofs;
    }

    private boolean[] seeds(int hub) {
        boolean[] seeds = new boolean[n + 1];
        seeds[hub] = true;
        seeds[n] = true;
        return seeds;
    }

    /**
     * Puts the sink that failed, then the rest of its violated set, at the head of the check order:
     * the next batch most likely overdraws the same place, and a refusal found at the first sink costs
     * one flow instead of N.
     */
    private void failingFirst(int sink, boolean[] set) {
        int[] order = new int[n];
        int c = 0;
        order[c++] = sink;
        for (int v : sinkOrder) {
            if (v != sink && set[v]) {
                order[c++] = v;
            }
        }
        for (int v : sinkOrder) {
            if (v != sink && !set[v]) {
                order[c++] = v;
            }
        }
        System.arraycopy(order, 0, sinkOrder, 0, n);
    }

    /**
     * The exact construction for every tree of one root, the other roots' trees standing as
     * unstarted partial trees with their remaining multiplicities. The root's trees (the copies split
     * off included) grow side by side, the one with fewest nodes stepping next, so that the nodes
     * every other tree holds join x's side of a question ({@link ArcAdmission}) and its flow runs on
     * fewer nodes, and trees that come to hold the same nodes grow on as one ({@link #joinSameNodes}).
     * On 128 PCIe servers the last root's flows fell from 91,934 to 69,900 and their CPU from 28.8 to
     * 17.5 s. A step of one tree never raises what another's arcs admit (see {@link Growth}), so
     * what a tree has learnt about its arcs stays true while the others grow.
     */
    private void packExactly(int root, long[] left, List<PartialTree> finished) {
        unfinished.clear();
        List<Growth> growing = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            if (left[r] > 0) {
                PartialTree t = new PartialTree(r, left[r], n);
                unfinished.add(t);
                if (r == root) {
                    Growth g = new Growth(t);
                    g.trees.add(new PartialTree(r, left[r], n));
                    growing.add(g);
                }
            }
        }
        long done = 0;
        Deque<Growth> split = new ArrayDeque<>();
        while (!growing.isEmpty()) {
            progress.checkCancelled();
            progress.report("packing trees of one root the exact way", (double) done / Math.max(1, left[root]));
            Growth g = leastGrown(growing);
            step(g, split);
            if (g.t.size() == n) {
                growing.remove(g);
                unfinished.remove(g.t);
                finished.addAll(g.trees);
                done += g.t.multiplicity;
            } else {
                joinSameNodes(g, growing);
            }
            while (!split.isEmpty()) {
                Growth rest = split.poll();
                growing.add(rest);
                joinSameNodes(rest, growing);
            }
        }
        left[root] = 0;
        unfinished.clear();
    }

    /**
     * Joins g to a tree of the root with the same nodes, if there is one: the questions see a tree only
     * as its nodes and copies, so two with the same nodes grow on as one, with the copies of both
     * (each keeps its own arcs into the nodes it joined apart). Copies split apart at a node often
     * meet again once both have it, and every tree fewer is a node fewer in each flow and a tree
     * fewer to grow.
     */
    private void joinSameNodes(Growth g, List<Growth> growing) {
        for (Growth h : growing) {
            if (h != g && h.t.size() == g.t.size() && Arrays.equals(h.t.member, g.t.member)) {
                h.t.multiplicity += g.t.multiplicity;
                h.trees.addAll(g.trees);
                h.refused.addAll(g.refused);
                growing.remove(g);
                unfinished.remove(g.t);
                joined++;
                return;
            }
        }
    }

    private long joined;

    /** The tree with the fewest nodes (the first such), to step next. */
    private static Growth leastGrown(List<Growth> growing) {
        Growth best = growing.get(0);
        for (Growth g : growing) {
            if (g.t.size() < best.t.size()) {
                best = g;
            }
        }
        return best;
    }

    /**
     * A tree being grown to a spanning tree, splitting off the copies an arc cannot take, and what
     * its growth has learnt about the arcs out of it. The copies an arc admits never rise while the
     * trees grow (an arc another tree takes lowers an in-cut that tree touched, or both an in-cut and
     * its demand; a split adds to the other trees' demand as much as it can add to the flow), so a
     * refused arc stays refused and an arc's last count bounds its count later. Arcs that admit every
     * copy are taken at once; one that admits only some waits until none is left, so the tree splits
     * as late as possible and the rest starts from a larger prefix (fewer arcs, so fewer flows, left
     * to grow).
     */
    private static final class Growth {
        /** The copies' nodes and their number: what the questions see. */
        final PartialTree t;
        /** The trees themselves, with t's nodes and multiplicities adding up to t's. */
        final List<PartialTree> trees = new ArrayList<>();
        final Set<Long> refused = new HashSet<>();
        /** {x, y, copies last admitted}, most copies first. */
        final PriorityQueue<long[]> partial = new PriorityQueue<>((a, b) -> Long.compare(b[2], a[2]));
        /**
         * Arcs that may take every copy but need a max-flow to say so: asked only once no arc out of
         * the tree is settled by the shortcuts, since the tree may reach their heads another way.
         */
        final ArrayDeque<int[]> unsettled = new ArrayDeque<>();
        /** The next of t's nodes whose arcs are to be offered. */
        int position;

        Growth(PartialTree t) {
            this.t = t;
        }
    }

    /** One step of g's growth: a node's arcs offered, or one question asked (a pair), or a split. */
    private void step(Growth g, Deque<Growth> queue) {
        PartialTree t = g.t;
        Set<Long> refused = g.refused;
        PriorityQueue<long[]> partial = g.partial;
        ArrayDeque<int[]> unsettled = g.unsettled;
        progress.checkCancelled(); // a tree of N arcs may cost N max-flows
        if (g.position < t.size()) {
            int x = t.node(g.position++);
            for (int y : neighbours[x]) {
                if (t.size() == n) {
                    break;
                }
                progress.checkCancelled(); // a node of a split switch may have hundreds of arcs
                if (t.member[y] || capacity[x][y] == 0 || refused.contains(arcKey(x, y))) {
                    continue;
                }
                if (capacity[x][y] < t.multiplicity) {
                    // It cannot take every copy: wait among the partial arcs with its capacity as
                    // the bound on its count, asked only if no arc takes every copy first.
                    partial.add(new long[] {x, y, capacity[x][y]});
                    continue;
                }
                if (admission.settlesEveryCopy(t, x, y)) {
                    shortcuts++;
                    take(g, x, y, t.multiplicity, queue);
                } else {
                    unsettled.add(new int[] {x, y});
                }
            }
            return;
        }
        if (!unsettled.isEmpty()) {
            int[] arc = unsettled.poll();
            if (t.member[arc[1]]) {
                return;
            }
            if (admission.settlesEveryCopy(t, arc[0], arc[1])) {
                // the other trees grew since it was offered
                shortcuts++;
                take(g, arc[0], arc[1], t.multiplicity, queue);
                return;
            }
            askPair(g, arc, queue);
            return;
        }
        // No arc out of the tree takes every copy: the one taking most, found lazily (counts
        // only fall, so a fresh count at least the next recorded one is the largest).
        long[] best = null;
        while (!partial.isEmpty()) {
            progress.checkCancelled();
            long[] arc = partial.poll();
            int x = (int) arc[0];
            int y = (int) arc[1];
            if (t.member[y]) {
                continue;
            }
            long m = copiesThatFit(t, x, y);
            if (m <= 0) {
                refused.add(arcKey(x, y));
                continue;
            }
            arc[2] = m;
            if (m == t.multiplicity || partial.isEmpty() || m >= partial.peek()[2]) {
                best = arc;
                break;
            }
            partial.add(arc);
        }
        if (best == null) {
            throw new IllegalStateException("tree packing stalled at a tree rooted at " + t.root
                    + " with " + t.size() + " of " + n + " accelerators");
        }
        take(g, (int) best[0], (int) best[1], best[2], queue);
    }

    /**
     * Asks the unsettled arc first and, when it takes every copy, the next unsettled arc into another
     * node right after its take. On more than one core the second question runs beside the first, as
     * if the first took every copy (it does in most questions: 100,781 of 122,911 on 128 PCIe servers);
     * when it does not, that answer is dropped and the second arc waits its turn. The order is the
     * same either way, so the trees do not depend on the cores.
     */
    private void askPair(Growth g, int[] first, Deque<Growth> queue) {
        PartialTree t = g.t;
        ArrayDeque<int[]> unsettled = g.unsettled;
        int x = first[0];
        int y = first[1];
        long whole = t.multiplicity;
        int[] second = null;
        for (int[] a : unsettled) {
            if (!t.member[a[1]] && a[1] != y) {
                second = a;
                break;
            }
        }
        Future<ArcAdmission.Answer> beside = null;
        if (second != null && EngineWorkers.THREADS > 1) {
            admission.fillExits();
            int[] next = second;
            beside = Speculation.POOL.submit(() -> admission.ask(t, next[0], next[1], x, y, whole));
        }
        long m;
        ArcAdmission.Answer besideAnswer;
        try {
            m = copiesThatFit(t, x, y);
        } finally {
            // Waited for even when dropped: it reads the state the next steps change.
            besideAnswer = beside == null ? null : EngineWorkers.await(beside);
        }
        boolean taken = settle(g, x, y, m, queue);
        if (taken && second != null) {
            unsettled.remove(second);
            long m2 = counted(besideAnswer != null ? besideAnswer : admission.ask(t, second[0], second[1]));
            settle(g, second[0], second[1], m2, queue);
        }
    }

    /**
     * Acts on the m copies x→y admits of t's: refused, waiting among the partial arcs, or taken with
     * every copy (true).
     */
    private boolean settle(Growth g, int x, int y, long m, Deque<Growth> queue) {
        if (m <= 0) {
            g.refused.add(arcKey(x, y));
            return false;
        }
        if (m < g.t.multiplicity) {
            g.partial.add(new long[] {x, y, m});
            return false;
        }
        take(g, x, y, m, queue);
        return true;
    }

    /** The thread that asks the second question of a pair (daemon; one for every packer). */
    private static final class Speculation {
        static final ExecutorService POOL = EngineWorkers.daemonPool("canopy-arc-question", 1);
    }

    private long arcKey(int x, int y) {
        return (long) x * n + y;
    }

    /**
     * Adds x→y to m copies of g's, the other copies going on as a tree of their own (whole trees from
     * the end of g's list, and part of one where they do not add up).
     */
    private void take(Growth g, int x, int y, long m, Deque<Growth> queue) {
        PartialTree t = g.t;
        if (m < t.multiplicity) {
            Growth rest = new Growth(new PartialTree(t, t.multiplicity - m));
            for (long need = t.multiplicity - m; need > 0; ) {
                PartialTree last = g.trees.get(g.trees.size() - 1);
                if (last.multiplicity <= need) {
                    g.trees.remove(g.trees.size() - 1);
                    rest.trees.add(last);
                    need -= last.multiplicity;
                } else {
                    rest.trees.add(new PartialTree(last, need));
                    last.multiplicity -= need;
                    need = 0;
                }
            }
            t.multiplicity = m;
            queue.add(rest);
            unfinished.add(rest.t);
        }
        t.add(x, y);
        for (PartialTree tree : g.trees) {
            tree.add(x, y);
        }
        capacity[x][y] -= m;
    }

    /** What x→y admits (see {@link ArcAdmission}), counted for the trace and the attempt's budget. */
    private long copiesThatFit(PartialTree t, int x, int y) {
        return counted(admission.ask(t, x, y));
    }

    private long counted(ArcAdmission.Answer answer) {
        if (!answer.byFlow()) {
            shortcuts++;
            return answer.copies();
        }
        flowQueries++;
        flowEdges += answer.edges();
        withinAttempt();
        if (answer.copies() <= 0) {
            flowsRefused++;
        } else if (answer.copies() < answer.limit()) {
            flowsPartial++;
        } else {
            flowsFull++;
        }
        return answer.copies();
    }

    static String describe(List<PartialTree> trees) {
        StringBuilder sb = new StringBuilder();
        for (PartialTree t : trees) {
            sb.append(t.root).append(" x").append(t.multiplicity).append(' ');
            for (int i = 0; i < t.arcs(); i++) {
                sb.append('[').append(t.arcFrom(i)).append(", ").append(t.arcTo(i)).append(']');
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
