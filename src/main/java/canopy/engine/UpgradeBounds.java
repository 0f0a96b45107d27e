package canopy.engine;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The exact machinery behind {@link UpgradeAdvisor} (single links) and {@link LinkClassAdvisor} (classes
 * of links): the bounds of one topology with a set of links all raised by the same amount t, the
 * tight-cut proofs that the gain is zero, the chain rule that keeps switches balanced, and the
 * breakpoint search. The method is explained in {@link UpgradeAdvisor}'s class comment; here an
 * upgrade is just "these links, each + t per direction", so a class of links plays exactly the role
 * of a single link (c(S) counts every upgraded arc leaving S).
 */
final class UpgradeBounds {
    private static final int THREADS = EngineWorkers.THREADS;

    /** The links raised together, or why they cannot be (reason non-null, links empty). */
    record Balancing(List<Integer> links, String reason) {
        Balancing {
            links = List.copyOf(links);
        }
    }

    /** New bounds per direction (0: allgather, 1: reduce-scatter), exact, and the gains. */
    record Gains(Rational allgather, Rational reduceScatter, Rational allreduce, Rational allgatherGain,
                 Rational reduceScatterGain, Rational allreduceGain, boolean[] provedZero) {
    }

    private final Topology topology;
    private final boolean useTightCuts;
    private final Progress progress;
    private final NetworkGraph[] graph = new NetworkGraph[2];
    private final Bounds before;
    private final List<String> names;
    private final boolean symmetric;
    private final Rational huge;
    @SuppressWarnings("unchecked")
    private final List<boolean[]>[] tight = new List[] {new CopyOnWriteArrayList<>(), new CopyOnWriteArrayList<>()};
    private final AtomicInteger computations = new AtomicInteger();
    private final AtomicInteger proved = new AtomicInteger();
    private final AtomicInteger reused = new AtomicInteger();
    private final AtomicInteger breakpointComputations = new AtomicInteger();

    UpgradeBounds(Topology topology, boolean useTightCuts, Progress progress) {
        this.topology = topology;
        this.useTightCuts = useTightCuts;
        this.progress = progress;
        graph[0] = NetworkGraph.of(topology);
        graph[1] = graph[0].reversed();
        this.before = Bounds.of(graph[0], progress);
        this.names = WhatIf.linkNames(topology);
        this.symmetric = symmetric(graph[0]);
        java.math.BigInteger scaled = java.math.BigInteger.ZERO;
        for (java.math.BigInteger c : graph[0].scaledBandwidths()) {
            scaled = scaled.add(c);
        }
        Rational total = Rational.of(scaled).divide(graph[0].scale());
        this.huge = total.multiply(graph[0].acceleratorCount()).add(Rational.ONE);
        if (useTightCuts) {
            seedTightCuts();
        }
    }

    Bounds before() {
        return before;
    }

    /** How messages name each link ({@link WhatIf#linkNames}). */
    List<String> names() {
        return names;
    }

    List<String> names(List<Integer> links) {
        List<String> out = new ArrayList<>();
        for (int j : links) {
            out.add(names.get(j));
        }
        return out;
    }

    UpgradeAdvisor.Stats stats(int candidates, long nanos) {
        return new UpgradeAdvisor.Stats(candidates, computations.get(), proved.get(), reused.get(),
                breakpointComputations.get(), nanos);
    }

    /** Evaluates count candidates on every core, reporting progress under stage; results in order. */
    static <T> List<T> onAllCores(int count, IntFunction<T> evaluate, String stage, Progress progress) {
        Object[] results = new Object[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < count) {
                progress.checkCancelled();
                results[i] = evaluate.apply(i);
                progress.report(stage, done.incrementAndGet() / (double) count);
            }
        };
        runOnAllCores(worker);
        List<T> out = new ArrayList<>();
        for (Object r : results) {
            @SuppressWarnings("unchecked")
            T t = (T) r;
            out.add(t);
        }
        return out;
    }

    private static void runOnAllCores(Runnable worker) {
        if (THREADS == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = EngineWorkers.daemonPool("canopy-upgrade");
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                futures.add(pool.submit(worker));
            }
            EngineWorkers.awaitAll(futures);
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- balancing

    /**
     * The links raised together when the given ones are: those, plus the one-way links that keep every
     * switch balanced (a switch's only one-way link out, or in, follows with the same amount, and so on).
     * what names the upgrade in the message when a switch offers a choice.
     */
    Balancing balance(List<Integer> start, String what) {
        List<Integer> links = new ArrayList<>(start);
        // excess[w] = (upgraded one-way links into w) − (out of w), for switches.
        Map<String, Integer> excess = new HashMap<>();
        Set<Integer> used = new LinkedHashSet<>(links);
        for (int i : start) {
            Link l = topology.links().get(i);
            if (!l.duplex()) {
                addExcess(excess, l);
            }
        }
        for (int guard = 0; guard <= topology.links().size(); guard++) {
            String w = null;
            for (Map.Entry<String, Integer> e : excess.entrySet()) {
                if (e.getValue() != 0) {
                    w = e.getKey();
                    break;
                }
            }
            if (w == null) {
                return new Balancing(links, null);
            }
            boolean needOut = excess.get(w) > 0;
            List<Integer> options = new ArrayList<>();
            for (int j = 0; j < topology.links().size(); j++) {
                Link m = topology.links().get(j);
                if (!m.duplex() && !used.contains(j) && (needOut ? m.from().equals(w) : m.to().equals(w))) {
                    options.add(j);
                }
            }
            if (options.size() != 1) {
                String dir = needOut ? "out of" : "into";
                return new Balancing(List.of(), "a one-way upgrade would unbalance switch " + w + " (more "
                        + (needOut ? "in" : "out") + " than " + (needOut ? "out" : "in") + "); it has "
                        + (options.isEmpty() ? "no" : options.size()) + " other one-way link"
                        + (options.size() == 1 ? "" : "s") + " " + dir + " it" + (options.isEmpty() ? ""
                        : " (" + String.join(", ", names(options)) + "): upgrade one of them too"));
            }
            int j = options.get(0);
            used.add(j);
            links.add(j);
            addExcess(excess, topology.links().get(j));
        }
        return new Balancing(List.of(), "could not balance the switches along " + what);
    }

    private void addExcess(Map<String, Integer> excess, Link l) {
        Node to = topology.node(l.to());
        Node from = topology.node(l.from());
        if (to != null && !to.isAccelerator()) {
            excess.merge(l.to(), 1, Integer::sum);
        }
        if (from != null && !from.isAccelerator()) {
            excess.merge(l.from(), -1, Integer::sum);
        }
    }

    // ---------------------------------------------------------------- evaluation

    /** The exact bounds with every one of links raised by add (per direction). */
    Gains evaluate(List<Integer> links, Rational add) {
        Rational[] bound = new Rational[2];
        boolean[] zero = new boolean[2];
        for (int d = 0; d < 2; d++) {
            Rational old = d == 0 ? before.allgather().algbw() : before.reduceScatter().algbw();
            if (d == 1 && symmetric && allDuplex(links)) {
                bound[1] = bound[0];
                zero[1] = zero[0];
                reused.incrementAndGet();
                continue;
            }
            if (useTightCuts && provedUseless(d, links)) {
                bound[d] = old;
                zero[d] = true;
                proved.incrementAndGet();
                continue;
            }
            Bound b = compute(d, links, add);
            computations.incrementAndGet();
            bound[d] = b.algbw();
            if (useTightCuts && b.algbw().equals(old)) {
                // S is tight now too (its value can only have been higher before) and the links do not leave it.
                tight[d].add(WhatIf.side(graph[d], b.cut()));
            }
        }
        Rational ar = Bounds.combine(bound[0], bound[1]);
        return new Gains(bound[0], bound[1], ar, bound[0].subtract(before.allgather().algbw()),
                bound[1].subtract(before.reduceScatter().algbw()), ar.subtract(before.allreduce()), zero);
    }

    private boolean allDuplex(List<Integer> links) {
        for (int j : links) {
            if (!topology.links().get(j).duplex()) {
                return false;
            }
        }
        return true;
    }

    private boolean provedUseless(int d, List<Integer> links) {
        for (boolean[] s : tight[d]) {
            if (crossings(d, s, links) == 0) {
                return true;
            }
        }
        return false;
    }

    /** c(S): how many upgraded arcs leave S in direction d (0: the allgather graph, 1: reversed). */
    private int crossings(int d, boolean[] s, List<Integer> links) {
        int c = 0;
        for (int j : links) {
            Link l = topology.links().get(j);
            int u = graph[0].indexOf(l.from());
            int v = graph[0].indexOf(l.to());
            // allgather: arc u→v leaves S when u ∈ S, v ∉ S; reduce-scatter runs on the reverse, v→u.
            int a = d == 0 ? u : v;
            int b = d == 0 ? v : u;
            if (s[a] && !s[b]) {
                c++;
            }
            if (l.duplex() && s[b] && !s[a]) {
                c++;
            }
        }
        return c;
    }

    /** The exact bound of direction d with every one of links raised by t. */
    private Bound compute(int d, List<Integer> upgraded, Rational t) {
        List<Link> links = new ArrayList<>(topology.links());
        for (int j : upgraded) {
            Link l = links.get(j);
            links.set(j, l.withBandwidth(l.bandwidth().add(t)));
        }
        NetworkGraph g = NetworkGraph.of(topology.withLinks(links));
        return CutBound.compute(d == 0 ? g : g.reversed(), progress);
    }

    // ---------------------------------------------------------------- tight cuts

    private void seedTightCuts() {
        for (int d = 0; d < 2; d++) {
            NetworkGraph g = graph[d];
            Bound b = d == 0 ? before.allgather() : before.reduceScatter();
            List<boolean[]> sets = new ArrayList<>();
            sets.add(WhatIf.side(g, b.cut()));
            Map<String, boolean[]> groups = new HashMap<>();
            boolean[] ungroupedSwitches = new boolean[g.nodeCount()];
            for (int v = 0; v < g.nodeCount(); v++) {
                String grp = g.group(v);
                if (grp != null) {
                    groups.computeIfAbsent(grp, k -> new boolean[g.nodeCount()])[v] = true;
                } else if (!g.isAccelerator(v)) {
                    ungroupedSwitches[v] = true;
                }
            }
            for (boolean[] grp : groups.values()) {
                sets.add(grp);
                sets.add(or(grp, ungroupedSwitches));
                for (int w = 0; w < g.nodeCount(); w++) {
                    if (ungroupedSwitches[w]) {
                        boolean[] s = grp.clone();
                        s[w] = true;
                        sets.add(s);
                    }
                }
            }
            for (int v : g.accelerators()) {
                boolean[] s = new boolean[g.nodeCount()];
                s[v] = true;
                sets.add(s);
            }
            int size = sets.size();
            for (int i = 0; i < size; i++) {
                sets.add(not(sets.get(i)));
            }
            Rational x = b.algbw();
            for (boolean[] s : sets) {
                Rational value = WhatIf.cutValue(g, s);
                if (value != null && value.equals(x)) {
                    tight[d].add(s);
                }
            }
        }
    }

    private static boolean[] or(boolean[] a, boolean[] b) {
        boolean[] c = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] || b[i];
        }
        return c;
    }

    private static boolean[] not(boolean[] a) {
        boolean[] c = new boolean[a.length];
        for (int i = 0; i < a.length; i++) {
            c[i] = !a[i];
        }
        return c;
    }

    /** Every arc u→v has an arc v→u of the same bandwidth: the reversed graph is the graph. */
    static boolean symmetric(NetworkGraph g) {
        for (int a = 0; a < g.arcCount(); a++) {
            int r = g.arc(g.arcTo(a), g.arcFrom(a));
            if (r < 0 || !g.bandwidth(r).equals(g.bandwidth(a))) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- breakpoints

    /**
     * Where raising links (all now at bandwidth per direction) stops paying, given the gains an upgrade
     * of them already showed ({@link #evaluate}): b* = bandwidth + t* per collective.
     */
    UpgradeAdvisor.Breakpoint breakpoint(List<Integer> links, Rational bandwidth, Rational allgatherGain,
                                         Rational reduceScatterGain) {
        Rational[] at = new Rational[2];
        Rational[] limit = new Rational[2];
        List<List<String>> cut = new ArrayList<>(List.of(List.of(), List.of()));
        Rational[] gain = {allgatherGain, reduceScatterGain};
        for (int d = 0; d < 2; d++) {
            Bound old = d == 0 ? before.allgather() : before.reduceScatter();
            if (d == 1 && symmetric && allDuplex(links)) {
                at[1] = at[0];
                limit[1] = limit[0];
                cut.set(1, cut.get(0));
                continue;
            }
            if (gain[d].signum() == 0) {
                // f is concave and nondecreasing: flat on [0, added] means flat from 0 on.
                at[d] = Rational.ZERO;
                limit[d] = old.algbw();
                cut.set(d, old.cut());
                continue;
            }
            Bound far = compute(d, links, huge);
            breakpointComputations.incrementAndGet();
            if (crossings(d, WhatIf.side(graph[d], far.cut()), links) > 0) {
                // Every cut is left by the upgraded links: the bound grows with them without limit.
                at[d] = null;
                limit[d] = null;
                cut.set(d, List.of());
                continue;
            }
            limit[d] = far.algbw();
            cut.set(d, far.cut());
            at[d] = newton(d, links, WhatIf.side(graph[d], old.cut()), far.algbw());
        }
        boolean unbounded = at[0] == null || at[1] == null;
        return new UpgradeAdvisor.Breakpoint(at[0] == null ? null : bandwidth.add(at[0]),
                at[1] == null ? null : bandwidth.add(at[1]), unbounded ? null : bandwidth.add(at[0].max(at[1])),
                limit[0], limit[1], unbounded ? null : Bounds.combine(limit[0], limit[1]), cut.get(0), cut.get(1));
    }

    /** The smallest t with f(t) = limit, by Newton steps on cut lines from cut s (which the links leave). */
    private Rational newton(int d, List<Integer> links, boolean[] s, Rational limit) {
        NetworkGraph g = graph[d];
        int n = g.acceleratorCount();
        for (int guard = 0; guard < 10_000; guard++) {
            progress.checkCancelled();
            int c = crossings(d, s, links);
            if (c == 0) {
                throw new IllegalStateException("a cut below the limit that the upgraded links do not leave");
            }
            int k = WhatIf.accelerators(g, s);
            // N (B(S) + t c) / k = limit  ⇔  t = (limit k / N − B(S)) / c
            Rational t = limit.multiply(k).divide(n).subtract(WhatIf.leaving(g, s)).divide(c);
            if (t.signum() <= 0) {
                return Rational.ZERO;
            }
            Bound b = compute(d, links, t);
            breakpointComputations.incrementAndGet();
            if (b.algbw().equals(limit)) {
                return t;
            }
            s = WhatIf.side(g, b.cut());
        }
        throw new IllegalStateException("breakpoint search did not end");
    }
}
