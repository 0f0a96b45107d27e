package canopy.engine;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which single link upgrade raises the bounds the most, exactly.
 *
 * <p>Every link of the topology is a candidate: a duplex link gains {@code by} (or its bandwidth ×
 * (factor − 1)) in both directions, a one-way link in its direction. A one-way link into or out of a
 * switch would break that switch's balance, so the upgrade follows the switch's only one-way link out
 * (or in) with the same amount, and so on until the chain closes or reaches accelerators; when a
 * switch has several such links the choice is the user's, and the candidate is skipped with that
 * explanation. Duplex links never unbalance a switch.
 *
 * <p>For each candidate the new allgather and reduce-scatter bounds are computed exactly
 * ({@link CutBound} on the modified graph and on its reverse) unless a known tight cut proves the gain
 * is zero: the bound is N × min over cuts S of B⁺(S)/|S ∩ Vc|, so if some S attaining the current
 * minimum is not left by any of the upgraded arcs, that minimum is unchanged and, bandwidth only
 * having grown, so is the bound. Tight cuts come from the current bottleneck cuts, from cheap structured
 * sets (each group, each group with the ungrouped switches, each single accelerator, and their
 * complements — each kept only if its exact value equals the bound) and from every computed candidate
 * whose bound did not move (its bottleneck cut is then tight for the current topology too, and not
 * left by that candidate). On a symmetric topology (every arc has a reverse of equal bandwidth) a
 * duplex candidate's reduce-scatter bound equals its allgather bound and is not computed again.
 *
 * <p>Candidates are ranked by allreduce gain, then allgather gain, then file order.
 *
 * <p><b>Breakpoint.</b> For the top candidates, the bound as a function of the added amount t,
 * f(t) = N × min over S of (B⁺(S) + t·c(S)) / |S ∩ Vc| where c(S) counts the upgraded arcs leaving S,
 * is concave, piecewise linear and nondecreasing; it stops rising at F∞ = the best cut not left by the
 * upgraded arcs, computed exactly by setting t to H = N × (total bandwidth) + 1, which puts every cut
 * the link leaves above every cut it does not. The breakpoint t* is the smallest t with f(t) = F∞,
 * found by Newton steps on cut lines: from any cut S with c(S) &gt; 0, the t where its line reaches
 * F∞ is at most t*; compute f there; if it equals F∞ that t is t*, else its bottleneck cut gives the
 * next, larger t. Each step uses a new cut, so it ends, usually after one or two steps. The reported
 * b* is the link's bandwidth + t*; for allreduce, the larger of the two directions' breakpoints.
 */
public final class UpgradeAdvisor {
    /** Added bandwidth when none is given: 25 GB/s (one InfiniBand HDR port). */
    public static final Rational DEFAULT_BY = Rational.of(25);

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * @param by          the bandwidth added to each upgraded link direction (used when factor is null)
     * @param factor      or: multiply the candidate link's bandwidth by this (&gt; 1)
     * @param breakpoints how many of the top candidates get their breakpoint computed
     * @param useTightCuts skip candidates a known tight cut proves useless (off only to test the proof)
     */
    public record Options(Rational by, Rational factor, int breakpoints, boolean useTightCuts) {
        public Options {
            if (factor == null && (by == null || by.signum() <= 0)) {
                throw new IllegalArgumentException("the added bandwidth must be positive");
            }
            if (factor != null && factor.compareTo(Rational.ONE) <= 0) {
                throw new IllegalArgumentException("the factor must be above 1");
            }
            if (breakpoints < 0) {
                throw new IllegalArgumentException("breakpoints must be at least 0");
            }
        }

        public static Options by(Rational by, int breakpoints) {
            return new Options(by, null, breakpoints, true);
        }

        public static Options factor(Rational factor, int breakpoints) {
            return new Options(null, factor, breakpoints, true);
        }
    }

    /**
     * Where raising the link stops paying: b* (bandwidth per direction of the candidate link) and the
     * bound reached there, per collective. At equals the link's current bandwidth when raising it
     * cannot help at all; at and limit are null when every cut is left by the link, so the bound grows
     * with it without limit (allreduce: when either half does). The cuts are the bottlenecks that bind
     * beyond b* (the link does not leave them).
     */
    public record Breakpoint(Rational allgatherAt, Rational reduceScatterAt, Rational allreduceAt,
                             Rational allgatherLimit, Rational reduceScatterLimit, Rational allreduceLimit,
                             List<String> allgatherCut, List<String> reduceScatterCut) {
    }

    /**
     * One candidate upgrade.
     *
     * @param link         index of the candidate link in the file
     * @param name         its name ("a<->b", "a->b", "links[3] (a->b)")
     * @param upgraded     every link upgraded together (the candidate, plus the links that keep switches
     *                     balanced)
     * @param bandwidth    the candidate link's current bandwidth per direction
     * @param added        bandwidth added to each upgraded link direction
     * @param allgather    the new allgather bound
     * @param provedZero   per direction (allgather, reduce-scatter): the gain is zero by a known tight cut, no
     *                     max-flow needed
     * @param breakpoint   null unless this candidate is among the top ones
     */
    public record Candidate(int link, String name, List<String> upgraded, Rational bandwidth, Rational added,
                            Rational allgather, Rational reduceScatter, Rational allreduce,
                            Rational allgatherGain, Rational reduceScatterGain, Rational allreduceGain,
                            boolean[] provedZero, Breakpoint breakpoint) {
        public Candidate {
            upgraded = List.copyOf(upgraded);
            provedZero = provedZero.clone();
        }
    }

    /** A link that was not ranked, and why. */
    public record Skipped(int link, String name, String reason) {
    }

    /**
     * @param candidates         candidates ranked
     * @param boundComputations  exact bound computations (one direction each) for the gains
     * @param provedByCuts       candidate directions whose zero gain a tight cut proved
     * @param reusedBySymmetry   reduce-scatter gains taken from the allgather gain on a symmetric topology
     * @param breakpointComputations exact bound computations for the breakpoints
     * @param nanos              wall time
     */
    public record Stats(int candidates, int boundComputations, int provedByCuts, int reusedBySymmetry,
                        int breakpointComputations, long nanos) {
    }

    public record Ranking(Bounds before, List<Candidate> ranked, List<Skipped> skipped, Stats stats) {
        public Ranking {
            ranked = List.copyOf(ranked);
            skipped = List.copyOf(skipped);
        }
    }

    /** Links upgraded together, each by the same amount. */
    private record Plan(int primary, List<Integer> links) {
    }

    private final Topology topology;
    private final Options options;
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

    private UpgradeAdvisor(Topology topology, Options options, Progress progress) {
        this.topology = topology;
        this.options = options;
        this.progress = progress;
        graph[0] = NetworkGraph.of(topology);
        graph[1] = graph[0].reversed();
        this.before = Bounds.of(graph[0], progress);
        this.names = WhatIf.linkNames(topology);
        this.symmetric = symmetric(graph[0]);
        Rational total = Rational.ZERO;
        for (int a = 0; a < graph[0].arcCount(); a++) {
            total = total.add(graph[0].bandwidth(a));
        }
        this.huge = total.multiply(graph[0].acceleratorCount()).add(Rational.ONE);
    }

    /** Ranks every link of a valid topology. */
    public static Ranking rank(Topology topology, Options options) {
        return rank(topology, options, Progress.NONE);
    }

    public static Ranking rank(Topology topology, Options options, Progress progress) {
        long start = System.nanoTime();
        UpgradeAdvisor u = new UpgradeAdvisor(topology, options, progress);
        return u.run(start);
    }

    private Ranking run(long start) {
        if (options.useTightCuts()) {
            seedTightCuts();
        }
        List<Plan> plans = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (int i = 0; i < topology.links().size(); i++) {
            Object p = plan(i);
            if (p instanceof Plan plan) {
                plans.add(plan);
            } else {
                skipped.add(new Skipped(i, names.get(i), (String) p));
            }
        }
        Candidate[] results = new Candidate[plans.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        Runnable worker = () -> {
            int i;
            while ((i = next.getAndIncrement()) < plans.size()) {
                progress.checkCancelled();
                results[i] = evaluate(plans.get(i));
                progress.report("upgrade candidates", done.incrementAndGet() / (double) plans.size());
            }
        };
        runOnAllCores(worker);
        List<Candidate> ranked = new ArrayList<>(List.of(results));
        ranked.sort(Comparator.comparing(Candidate::allreduceGain).reversed()
                .thenComparing(Comparator.comparing(Candidate::allgatherGain).reversed())
                .thenComparingInt(Candidate::link));
        Map<Integer, Plan> byLink = new HashMap<>();
        for (Plan p : plans) {
            byLink.put(p.primary(), p);
        }
        int top = Math.min(options.breakpoints(), ranked.size());
        for (int i = 0; i < top; i++) {
            progress.checkCancelled();
            progress.report("breakpoints", i / (double) top);
            Candidate c = ranked.get(i);
            ranked.set(i, withBreakpoint(c, byLink.get(c.link())));
        }
        Stats stats = new Stats(plans.size(), computations.get(), proved.get(), reused.get(),
                breakpointComputations.get(), System.nanoTime() - start);
        return new Ranking(before, ranked, skipped, stats);
    }

    private static void runOnAllCores(Runnable worker) {
        if (THREADS == 1) {
            worker.run();
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "canopy-upgrade");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < THREADS; w++) {
                futures.add(pool.submit(worker));
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancelledException();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- planning

    /** The links upgraded together for candidate i, or a String saying why it cannot be. */
    private Object plan(int i) {
        Link l = topology.links().get(i);
        List<Integer> links = new ArrayList<>(List.of(i));
        if (l.duplex()) {
            return new Plan(i, links);
        }
        // excess[w] = (upgraded one-way links into w) − (out of w), for switches.
        Map<String, Integer> excess = new HashMap<>();
        Set<Integer> used = new LinkedHashSet<>(links);
        addExcess(excess, l, 1);
        for (int guard = 0; guard <= topology.links().size(); guard++) {
            String w = null;
            for (Map.Entry<String, Integer> e : excess.entrySet()) {
                if (e.getValue() != 0) {
                    w = e.getKey();
                    break;
                }
            }
            if (w == null) {
                return new Plan(i, links);
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
                return "a one-way upgrade would unbalance switch " + w + " (more " + (needOut ? "in" : "out")
                        + " than " + (needOut ? "out" : "in") + "); it has " + (options.isEmpty() ? "no"
                        : options.size()) + " other one-way link" + (options.size() == 1 ? "" : "s") + " " + dir
                        + " it" + (options.isEmpty() ? "" : " (" + describe(options) + "): upgrade one of them too");
            }
            int j = options.get(0);
            used.add(j);
            links.add(j);
            addExcess(excess, topology.links().get(j), 1);
        }
        return "could not balance the switches along " + names.get(i);
    }

    private String describe(List<Integer> links) {
        List<String> out = new ArrayList<>();
        for (int j : links) {
            out.add(names.get(j));
        }
        return String.join(", ", out);
    }

    private void addExcess(Map<String, Integer> excess, Link l, int k) {
        Node to = topology.node(l.to());
        Node from = topology.node(l.from());
        if (to != null && !to.isAccelerator()) {
            excess.merge(l.to(), k, Integer::sum);
        }
        if (from != null && !from.isAccelerator()) {
            excess.merge(l.from(), -k, Integer::sum);
        }
    }

    private Rational added(Plan p) {
        Rational b = topology.links().get(p.primary()).bandwidth();
        return options.factor() == null ? options.by() : b.multiply(options.factor().subtract(Rational.ONE));
    }

    // ---------------------------------------------------------------- evaluation

    private Candidate evaluate(Plan p) {
        Rational add = added(p);
        Rational[] bound = new Rational[2];
        boolean[] zero = new boolean[2];
        for (int d = 0; d < 2; d++) {
            Rational old = d == 0 ? before.allgather().algbw() : before.reduceScatter().algbw();
            if (d == 1 && symmetric && allDuplex(p)) {
                bound[1] = bound[0];
                zero[1] = zero[0];
                reused.incrementAndGet();
                continue;
            }
            if (options.useTightCuts() && provedUseless(d, p)) {
                bound[d] = old;
                zero[d] = true;
                proved.incrementAndGet();
                continue;
            }
            Bound b = compute(d, p, add);
            computations.incrementAndGet();
            bound[d] = b.algbw();
            if (options.useTightCuts() && b.algbw().equals(old)) {
                // S is tight now too (its value can only have been higher before) and p does not leave it.
                tight[d].add(WhatIf.side(graph[d], b.cut()));
            }
        }
        Rational ar = Bounds.combine(bound[0], bound[1]);
        List<String> upgraded = new ArrayList<>();
        for (int j : p.links()) {
            upgraded.add(names.get(j));
        }
        return new Candidate(p.primary(), names.get(p.primary()), upgraded,
                topology.links().get(p.primary()).bandwidth(), add, bound[0], bound[1], ar,
                bound[0].subtract(before.allgather().algbw()), bound[1].subtract(before.reduceScatter().algbw()),
                ar.subtract(before.allreduce()), zero, null);
    }

    private boolean allDuplex(Plan p) {
        for (int j : p.links()) {
            if (!topology.links().get(j).duplex()) {
                return false;
            }
        }
        return true;
    }

    private boolean provedUseless(int d, Plan p) {
        for (boolean[] s : tight[d]) {
            if (crossings(d, s, p) == 0) {
                return true;
            }
        }
        return false;
    }

    /** How many upgraded arcs leave S in direction d (0: the allgather graph, 1: reversed). */
    private int crossings(int d, boolean[] s, Plan p) {
        int c = 0;
        for (int j : p.links()) {
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

    /** The exact bound of direction d with every link of the plan raised by t. */
    private Bound compute(int d, Plan p, Rational t) {
        List<Link> links = new ArrayList<>(topology.links());
        for (int j : p.links()) {
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

    private Candidate withBreakpoint(Candidate c, Plan p) {
        Rational[] at = new Rational[2];
        Rational[] limit = new Rational[2];
        List<List<String>> cut = new ArrayList<>(List.of(List.of(), List.of()));
        Rational[] gain = {c.allgatherGain(), c.reduceScatterGain()};
        for (int d = 0; d < 2; d++) {
            Bound old = d == 0 ? before.allgather() : before.reduceScatter();
            if (d == 1 && symmetric && allDuplex(p)) {
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
            Bound far = compute(d, p, huge);
            breakpointComputations.incrementAndGet();
            if (crossings(d, WhatIf.side(graph[d], far.cut()), p) > 0) {
                // Every cut is left by the link: the bound grows with it without limit.
                at[d] = null;
                limit[d] = null;
                cut.set(d, List.of());
                continue;
            }
            limit[d] = far.algbw();
            cut.set(d, far.cut());
            at[d] = breakpoint(d, p, WhatIf.side(graph[d], old.cut()), far.algbw());
        }
        Rational b = c.bandwidth();
        boolean unbounded = at[0] == null || at[1] == null;
        Breakpoint bp = new Breakpoint(at[0] == null ? null : b.add(at[0]), at[1] == null ? null : b.add(at[1]),
                unbounded ? null : b.add(at[0].max(at[1])), limit[0], limit[1],
                unbounded ? null : Bounds.combine(limit[0], limit[1]), cut.get(0), cut.get(1));
        return new Candidate(c.link(), c.name(), c.upgraded(), c.bandwidth(), c.added(), c.allgather(),
                c.reduceScatter(), c.allreduce(), c.allgatherGain(), c.reduceScatterGain(), c.allreduceGain(),
                c.provedZero(), bp);
    }

    /** The smallest t with f(t) = limit, by Newton steps on cut lines from cut s (which the plan leaves). */
    private Rational breakpoint(int d, Plan p, boolean[] s, Rational limit) {
        NetworkGraph g = graph[d];
        int n = g.acceleratorCount();
        for (int guard = 0; guard < 10_000; guard++) {
            progress.checkCancelled();
            int c = crossings(d, s, p);
            if (c == 0) {
                throw new IllegalStateException("a cut below the limit that the link does not leave");
            }
            int k = WhatIf.accelerators(g, s);
            // N (B(S) + t c) / k = limit  ⇔  t = (limit k / N − B(S)) / c
            Rational t = limit.multiply(k).divide(n).subtract(WhatIf.leaving(g, s)).divide(c);
            if (t.signum() <= 0) {
                return Rational.ZERO;
            }
            Bound b = compute(d, p, t);
            breakpointComputations.incrementAndGet();
            if (b.algbw().equals(limit)) {
                return t;
            }
            s = WhatIf.side(g, b.cut());
        }
        throw new IllegalStateException("breakpoint search did not end");
    }
}
