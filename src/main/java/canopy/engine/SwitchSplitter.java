package canopy.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes every switch by edge splitting (algorithm.md §3) while keeping, for every accelerator v,
 * maxflow(s → v) ≥ N·k, where s feeds every accelerator k. For a pair (u,w),(w,t) the largest safe
 * amount α is limited only by the node sets whose cut it lowers (see {@link #maxSplit}), each found
 * with max-flows from s into {v, …} for every accelerator v, capped by both arcs' capacities. A pair that cannot be split in full stays blocked for good
 * (the tight set stays tight), so one pass over the pairs of a switch splits it completely.
 */
final class SwitchSplitter {
    private final LogicalGraph graph;
    private final boolean[] accelerator;
    private final String[] groups;
    /** Try planned splits checked in batches before the exact pairwise splitting. */
    private final boolean batching;
    private final int[] accelerators;
    private long batchChecks;
    private final long k;
    private final long need;
    private final Progress progress;
    private final ParallelFlows flows = new ParallelFlows();
    /** Per node: a switch linked to another switch before any splitting (decides its plan). */
    private final boolean[] joinsSwitches;
    /** Per node: a switch with no accelerator among its neighbours once the relays are gone (a core, an aggregation switch). */
    private final boolean[] inner;
    private long flowQueries;
    /** Split ring-planned switches into several rings (shifts 1, 2, 4, …) instead of one. */
    private final boolean manyRings;

    SwitchSplitter(LogicalGraph graph, boolean[] accelerator, String[] groups, long k, boolean batching, boolean manyRings,
                   Progress progress) {
        this.batching = batching;
        this.manyRings = manyRings;
        this.graph = graph;
        this.accelerator = accelerator;
        this.groups = groups;
        this.k = k;
        int count = 0;
        for (boolean a : accelerator) {
            if (a) {
                count++;
            }
        }
        accelerators = new int[count];
        for (int v = 0, j = 0; v < accelerator.length; v++) {
            if (accelerator[v]) {
                accelerators[j++] = v;
            }
        }
        this.need = Math.multiplyExact(k, (long) count);
        joinsSwitches = new boolean[accelerator.length];
        inner = new boolean[accelerator.length];
        this.progress = progress;
    }

    long flowQueries() {
        return flowQueries;
    }

    /**
     * Splits every switch away; afterwards only accelerator-to-accelerator arcs remain. Switches go
     * in rounds of pairwise non-adjacent switches, whose planned splits touch disjoint arcs and are
     * checked together; what the checks refuse is split pair by pair.
     */
    void splitAll() {
        List<Integer> remaining = new ArrayList<>();
        for (int v = 0; v < accelerator.length; v++) {
            if (!accelerator[v]) {
                remaining.add(v);
            }
        }
        int total = remaining.size();
        removeRelays(remaining);
        // Decided after the relays are gone: a rail switch behind NIC nodes is a rail switch.
        for (LogicalGraph.Arc a : graph.arcs()) {
            if (!accelerator[a.from] && !accelerator[a.to]) {
                joinsSwitches[a.from] = true;
                joinsSwitches[a.to] = true;
            }
        }
        // Switches with the most accelerator ports first (leaves before spines, whatever the file's
        // order): splitting a leaf turns its uplinks into accelerator ports of the spines, whose
        // plans then pass. Spines first cost 4-6x as much on fat trees and rail-optimised pods.
        int[] acceleratorPorts = new int[accelerator.length];
        for (LogicalGraph.Arc a : graph.arcs()) {
            if (accelerator[a.from] && !accelerator[a.to]) {
                acceleratorPorts[a.to]++;
            }
        }
        remaining.sort(java.util.Comparator.comparingInt((Integer v) -> -acceleratorPorts[v]));
        for (int w : remaining) {
            inner[w] = acceleratorPorts[w] == 0;
        }
        while (!remaining.isEmpty()) {
            progress.report("splitting switches", 1.0 - (double) remaining.size() / Math.max(1, total));
            List<Integer> round = independentSwitches(remaining);
            if (batching) {
                List<Split> plan = new ArrayList<>();
                for (int w : round) {
                    plan.addAll(plan(w));
                }
                long c0 = batchChecks, f0 = flowQueries, t0 = System.nanoTime();
                applyRepaired(plan, Math.max(1, plan.size() / 32));
                if (EngineTrace.ON) {
                    EngineTrace.line("round: %d switches, %d splits, %d checks, %d flows, %.3f s", round.size(),
                            plan.size(), batchChecks - c0, flowQueries - f0, (System.nanoTime() - t0) / 1e9);
                }
            }
            for (int w : round) {
                long f0 = flowQueries, t0 = System.nanoTime();
                int ins = graph.inNeighbours(w).size(), outs = graph.outNeighbours(w).size();
                splitPairwise(w);
                if (EngineTrace.ON && flowQueries > f0) {
                    EngineTrace.line("pairwise %d: %d in, %d out, %d flows, %.3f s", w, ins, outs,
                            flowQueries - f0, (System.nanoTime() - t0) / 1e9);
                }
                if (!graph.inNeighbours(w).isEmpty() || !graph.outNeighbours(w).isEmpty()) {
                    throw new IllegalStateException("switch " + w + " could not be split off completely ("
                            + graph.inNeighbours(w).size() + " in-arcs and " + graph.outNeighbours(w).size()
                            + " out-arcs left)");
                }
            }
            remaining.removeAll(round);
        }
    }

    /**
     * Removes, in closed form and without a flow, every switch with at most two neighbours (a NIC
     * between a GPU and its rail, a PCIe bridge, a chain of them): whatever enters w from u can only
     * leave towards t or come back, so w becomes u→t of min(c(u,w), c(w,t)) and t→u of
     * min(c(t,w), c(w,u)), and every s→v flow keeps its value; the rest would only form loops.
     * Removing one may leave a neighbour with two neighbours, so the list is worked until none is left.
     */
    private void removeRelays(List<Integer> remaining) {
        java.util.ArrayDeque<Integer> work = new java.util.ArrayDeque<>(remaining);
        java.util.Set<Integer> removed = new java.util.HashSet<>();
        while (!work.isEmpty()) {
            int w = work.poll();
            if (removed.contains(w)) {
                continue;
            }
            java.util.Set<Integer> ports = new java.util.LinkedHashSet<>(graph.inNeighbours(w));
            ports.addAll(graph.outNeighbours(w));
            if (ports.size() > 2) {
                continue;
            }
            progress.checkCancelled();
            java.util.Iterator<Integer> it = ports.iterator();
            int u = it.hasNext() ? it.next() : -1;
            int t = it.hasNext() ? it.next() : -1;
            if (t >= 0) {
                relay(u, w, t);
                relay(t, w, u);
            }
            // What is left pairs a port with itself: loops, dropped.
            for (int x : ports) {
                long loop = Math.min(graph.capacity(x, w), graph.capacity(w, x));
                if (loop > 0) {
                    graph.split(x, w, x, loop);
                }
                if (graph.capacity(x, w) > 0 || graph.capacity(w, x) > 0) {
                    throw new IllegalStateException("switch " + w + " is not balanced");
                }
            }
            removed.add(w);
            for (int x : ports) {
                if (!accelerator[x] && !removed.contains(x)) {
                    work.add(x);
                }
            }
        }
        remaining.removeAll(removed);
    }

    private void relay(int u, int w, int t) {
        long a = Math.min(graph.capacity(u, w), graph.capacity(w, t));
        if (a > 0) {
            graph.split(u, w, t, a);
        }
    }

    /** A greedy maximal set of the given switches with no arc between any two of them. */
    private List<Integer> independentSwitches(List<Integer> switches) {
        List<Integer> round = new ArrayList<>();
        java.util.Set<Integer> blocked = new java.util.HashSet<>();
        for (int w : switches) {
            if (blocked.contains(w)) {
                continue;
            }
            round.add(w);
            blocked.addAll(graph.inNeighbours(w));
            blocked.addAll(graph.outNeighbours(w));
        }
        return round;
    }

    long batchChecks() {
        return batchChecks;
    }

    /** A planned split: amount units off (u,w) and (w,t) onto (u,t). */
    record Split(int u, int w, int t, long amount) {
    }

    /**
     * A complete splitting guess that is usually safe and needs one connectivity check instead of
     * N flows per pair. A switch whose links all go to accelerators (a box's switch, a rail switch)
     * gets {@link #ringPlan}, which keeps the trees few; a switch linked to other switches in the
     * topology (a fat tree's leaves and spines, whichever tier is split first) gets {@link #spreadPlan}:
     * a ring there would leave a leaf's hosts only reaching each other, and the check would refuse it.
     */
    private List<Split> plan(int w) {
        if (!joinsSwitches[w]) {
            return complete(w, ringPlan(w));
        }
        List<Split> plan = complete(w, spreadPlan(w));
        return inner[w] ? fewerSwitchPairs(w, plan) : plan;
    }

    /**
     * The plan with units between two switches exchanged, where it can, with units between two
     * accelerators: a→b and c→d become a→d and c→b. A split joining two switches makes them
     * neighbours, and neighbours cannot share a round; on a three-tier fat tree the aggregation
     * switches' plans turned the cores into a dozen rounds of one full check each. Only for switches
     * that had no accelerator of their own: on a rail-optimised pod's leaves the exchange let the
     * spines go in one round but left trees that took minutes to pack.
     */
    private List<Split> fewerSwitchPairs(int w, List<Split> plan) {
        // SplitPlan's exchange, with the accelerators as the set whose crossings it raises.
        SplitPlan exchanged = new SplitPlan(plan);
        exchanged.repair(accelerator, Long.MAX_VALUE);
        return exchanged.splits();
    }

    /**
     * The plan with every unit of w's arcs paired: what the plan left over is paired port by port,
     * and where only a port's own units are left (a loop), the loop is exchanged with a planned pair
     * a→b of other ports into a→u and u→b. A complete plan lets the check and its repairs settle the
     * switch; leftovers cost the exact pairwise splitting two rounds of N flows per pair.
     */
    private List<Split> complete(int w, List<Split> plan) {
        java.util.Map<Integer, Long> in = new java.util.LinkedHashMap<>();
        java.util.Map<Integer, Long> out = new java.util.LinkedHashMap<>();
        for (int u : graph.inNeighbours(w)) {
            in.put(u, graph.capacity(u, w));
        }
        for (int t : graph.outNeighbours(w)) {
            out.put(t, graph.capacity(w, t));
        }
        List<Split> result = new ArrayList<>();
        for (Split sp : plan) {
            in.merge(sp.u(), -sp.amount(), Long::sum);
            out.merge(sp.t(), -sp.amount(), Long::sum);
            result.add(sp);
        }
        for (java.util.Map.Entry<Integer, Long> e : in.entrySet()) {
            if (e.getValue() < 0) {
                return plan; // not this method's plan to mend
            }
        }
        for (java.util.Map.Entry<Integer, Long> e : out.entrySet()) {
            if (e.getValue() < 0) {
                return plan;
            }
        }
        for (java.util.Map.Entry<Integer, Long> ie : in.entrySet()) {
            int u = ie.getKey();
            for (java.util.Map.Entry<Integer, Long> oe : out.entrySet()) {
                int t = oe.getKey();
                long a = Math.min(ie.getValue(), oe.getValue());
                if (t == u || a <= 0) {
                    continue;
                }
                result.add(new Split(u, w, t, a));
                ie.setValue(ie.getValue() - a);
                oe.setValue(oe.getValue() - a);
            }
        }
        // Only loops are left: u's in-units against u's out-units.
        for (java.util.Map.Entry<Integer, Long> ie : in.entrySet()) {
            int u = ie.getKey();
            long loop = Math.min(ie.getValue(), out.getOrDefault(u, 0L));
            for (int i = 0; i < result.size() && loop > 0; i++) {
                Split ab = result.get(i);
                if (ab.u() == u || ab.t() == u) {
                    continue;
                }
                long m = Math.min(loop, ab.amount());
                result.set(i, new Split(ab.u(), w, ab.t(), ab.amount() - m));
                result.add(new Split(ab.u(), w, u, m));
                result.add(new Split(u, w, ab.t(), m));
                loop -= m;
            }
        }
        result.removeIf(sp -> sp.amount() == 0);
        return result;
    }

    /**
     * The spreading plan. The ports, sorted by group, are laid on a circle by in-capacity and again by
     * out-capacity; each in-unit goes to the out-unit a fixed shift further on. The shift is at least
     * the largest group's in-capacity, so a group's units leave the group where capacity allows (a
     * leaf's hosts go to its uplinks, its uplinks to its hosts; a spine passes leaf to next leaf), and
     * at least half the circle, so no port's units can land on itself unless it holds more than half.
     * With several groups, three quarters of the largest group are added, so that a group's units
     * land on two groups: a shift by half the circle alone maps equal groups onto each other in pairs,
     * and the in-cut of such a pair is only what straddles it (on 128 PCIe servers each pair of servers
     * became as tight as the bound, and the tree packing needed 892 checks and 70,000 flows for its
     * last root). With more than four groups of several ports each (servers behind one switch), half
     * of each port's units take a second circle, shifted by one and three quarters groups, which ties
     * each group to its neighbours too and keeps the logical graph's diameter and the trees' depth
     * down (with one circle, 256 servers of 4 GPUs had a median tree 2,138 hops deep instead of 312).
     * Where some group has one port (a pod's leaf, which each box reaches by one rail) one circle
     * mixes enough, and a second made the pod's packing about three times as slow. Units that would
     * still meet their own port stay for the exact splitting.
     */
    private List<Split> spreadPlan(int w) {
        java.util.Comparator<Integer> byGroup = java.util.Comparator
                .comparing((Integer v) -> groups[v] == null ? "" : groups[v]).thenComparing(v -> v);
        java.util.TreeSet<Integer> portSet = new java.util.TreeSet<>(byGroup);
        portSet.addAll(graph.inNeighbours(w));
        portSet.addAll(graph.outNeighbours(w));
        List<Integer> ports = new ArrayList<>(portSet);
        List<Split> plan = new ArrayList<>();
        int p = ports.size();
        long[] in = new long[p];
        long[] out = new long[p];
        long totalIn = 0;
        long totalOut = 0;
        java.util.Map<String, Long> perGroup = new java.util.HashMap<>();
        java.util.Map<String, Integer> portsPerGroup = new java.util.HashMap<>();
        for (int j = 0; j < p; j++) {
            int v = ports.get(j);
            in[j] = graph.capacity(v, w);
            out[j] = graph.capacity(w, v);
            totalIn = Math.addExact(totalIn, in[j]);
            totalOut = Math.addExact(totalOut, out[j]);
            String group = groups[v] == null ? "" : groups[v];
            perGroup.merge(group, in[j], Long::sum);
            portsPerGroup.merge(group, 1, Integer::sum);
        }
        if (totalIn == 0 || totalIn != totalOut) {
            return plan;
        }
        if (perGroup.size() <= 1) {
            // All ports in one group (a switch inside a box): a ring to the next port, which keeps
            // the trees few.
            spread(w, ports, in, out, totalIn, in[0] % totalIn, plan);
            return plan;
        }
        long largestGroup = java.util.Collections.max(perGroup.values());
        boolean severalPortsEach = java.util.Collections.min(portsPerGroup.values()) >= 2;
        int circles = severalPortsEach && 2 * largestGroup < totalIn / 2 ? 2 : 1;
        for (int circle = 0; circle < circles; circle++) {
            long[] inShare = new long[p];
            long[] outShare = new long[p];
            long total = 0;
            long totalShareOut = 0;
            for (int j = 0; j < p; j++) {
                inShare[j] = share(in[j], circle, circles);
                outShare[j] = share(out[j], circle, circles);
                total += inShare[j];
                totalShareOut += outShare[j];
            }
            if (total == 0 || total != totalShareOut) {
                continue; // these units are paired by complete()
            }
            long group = largestGroup / circles;
            long base = circle == 0 ? Math.max(group, total / 2) : group;
            long threeQuarters = group / 4 * 3 + group % 4 * 3 / 4; // ⌊3·group/4⌋ without overflow
            spread(w, ports, inShare, outShare, total, plusModulo(base, threeQuarters, total), plan);
        }
        return plan;
    }

    /** (a + b) mod m for non-negative a and b, without overflow. */
    private static long plusModulo(long a, long b, long m) {
        long x = a % m;
        long y = b % m;
        return x >= m - y ? x - (m - y) : x + y;
    }

    /**
     * Pairs the in-circle with the out-circle turned by shift units (see {@link #spreadPlan}); units
     * that would meet their own port are left out.
     */
    private static void spread(int w, List<Integer> ports, long[] in, long[] out, long totalIn, long shift,
                               List<Split> plan) {
        int p = ports.size();
        // Start the out-circle at the port holding position shift, already shift − start units in.
        int j = 0;
        long usedOut = shift;
        while (usedOut >= out[j]) {
            usedOut -= out[j];
            j++;
        }
        int i = 0;
        long usedIn = 0;
        for (long done = 0; done < totalIn; ) {
            while (usedIn == in[i]) {
                i++;
                usedIn = 0;
            }
            while (usedOut == out[j]) {
                j = (j + 1) % p;
                usedOut = 0;
            }
            long a = Math.min(in[i] - usedIn, out[j] - usedOut);
            if (i != j) {
                plan.add(new Split(ports.get(i), w, ports.get(j), a));
            }
            usedIn += a;
            usedOut += a;
            done += a;
        }
    }

    /**
     * The ring plan, several rings at once: ports sorted by group, each in-port's units shared
     * between out-ports 1, 2, 4, … groups further on (rings of boxes through a rail switch) or, when
     * all ports share a group, 1, 2, 4, … ports further on (inside a box). One ring would be
     * enough for the bound but makes the logical graph a long cycle and every tree hundreds of hops
     * deep; shifts by powers of two give it a diameter logarithmic in the number of groups, so the
     * trees packed into it can be shallow. Never pairs a port with itself; units left over (a
     * port's share not divisible) are paired by {@link #complete}.
     */
    private List<Split> ringPlan(int w) {
        java.util.Comparator<Integer> byGroup = java.util.Comparator
                .comparing((Integer v) -> groups[v] == null ? "" : groups[v]).thenComparing(v -> v);
        List<Integer> ins = new ArrayList<>(graph.inNeighbours(w));
        List<Integer> outs = new ArrayList<>(graph.outNeighbours(w));
        ins.sort(byGroup);
        outs.sort(byGroup);
        List<Split> plan = new ArrayList<>();
        if (ins.isEmpty() || outs.isEmpty()) {
            return plan;
        }
        java.util.Map<String, Integer> perGroup = new java.util.HashMap<>();
        for (int t : outs) {
            perGroup.merge(groups[t] == null ? "" : groups[t], 1, Integer::sum);
        }
        int base = perGroup.size() <= 1 ? 1 : java.util.Collections.max(perGroup.values());
        List<Integer> shifts = new ArrayList<>();
        for (long s = base; s < outs.size() && (manyRings || shifts.isEmpty()); s *= 2) {
            shifts.add((int) s);
        }
        if (shifts.isEmpty()) {
            shifts.add(base % outs.size());
        }
        for (int part = 0; part < shifts.size(); part++) {
            List<Integer> rotated = new ArrayList<>(outs);
            java.util.Collections.rotate(rotated, -(shifts.get(part) % outs.size()));
            long[] leftIn = new long[ins.size()];
            long[] leftOut = new long[outs.size()];
            for (int i = 0; i < ins.size(); i++) {
                leftIn[i] = share(graph.capacity(ins.get(i), w), part, shifts.size());
            }
            for (int j = 0; j < rotated.size(); j++) {
                leftOut[j] = share(graph.capacity(w, rotated.get(j)), part, shifts.size());
            }
            int i = 0;
            int j = 0;
            while (i < ins.size() && j < rotated.size()) {
                if (leftIn[i] == 0) {
                    i++;
                    continue;
                }
                if (leftOut[j] == 0) {
                    j++;
                    continue;
                }
                int u = ins.get(i);
                int t = rotated.get(j);
                if (u == t) {
                    j++;
                    continue;
                }
                long a = Math.min(leftIn[i], leftOut[j]);
                plan.add(new Split(u, w, t, a));
                leftIn[i] -= a;
                leftOut[j] -= a;
            }
        }
        return plan;
    }

    /** Part number part of c units cut into parts nearly equal parts. */
    private static long share(long c, int part, int parts) {
        return c / parts + (part < c % parts ? 1 : 0);
    }

    /** Checks of one round's plan that may be followed by a repair before it is halved. */
    private static final int MAX_REPAIRS = 6;

    /**
     * Applies the plan once a check passes, repairing it between checks around the sets that the
     * failing flows name (see {@link SplitPlan}); a plan still refused then goes to the halving of
     * {@link #applyWhereSafe}.
     */
    private void applyRepaired(List<Split> splits, int minBatch) {
        SplitPlan plan = new SplitPlan(splits);
        for (int attempt = 0; attempt < MAX_REPAIRS; attempt++) {
            progress.checkCancelled();
            List<Violation> violated = violations(plan.splits());
            if (violated == null) {
                break;
            }
            if (violated.isEmpty()) {
                for (Split sp : plan.splits()) {
                    graph.split(sp.u(), sp.w(), sp.t(), sp.amount());
                }
                return;
            }
            long gained = 0;
            for (Violation v : violated) {
                gained += plan.repair(v.sinkSide(), v.deficit());
            }
            EngineTrace.line("  repair %d: %d violated sets, %d units moved", attempt, violated.size(), gained);
            if (gained == 0) {
                break;
            }
        }
        applyWhereSafe(plan.splits(), minBatch);
    }

    /** A set whose in-cut a plan lowers below need, by deficit. */
    record Violation(boolean[] sinkSide, long deficit) {
    }

    /**
     * The distinct sets that the failing sinks' minimum cuts name once all these splits are made;
     * empty when every accelerator keeps its connectivity, null when the plan overdraws an arc.
     */
    private List<Violation> violations(List<Split> plan) {
        FlowNetwork net = planNetwork(plan);
        if (net == null) {
            return null;
        }
        int s = graph.nodeCount();
        batchChecks++;
        flowQueries += accelerators.length;
        List<Violation> found = flows.forEachSink(net, accelerators, (f, v) -> {
            long flow = f.maxFlow(s, v, need);
            if (flow >= need) {
                return null;
            }
            boolean[] source = f.sourceSide(s);
            boolean[] sink = new boolean[source.length];
            for (int x = 0; x < source.length; x++) {
                sink[x] = !source[x];
            }
            return new Violation(sink, need - flow);
        }, progress);
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        List<Violation> out = new ArrayList<>();
        for (Violation v : found) {
            if (v != null && seen.add(java.util.Arrays.hashCode(v.sinkSide()))) {
                out.add(v);
            }
        }
        return out;
    }

    /**
     * Applies the splits of the plan that keep every accelerator's connectivity: all at once when
     * that is safe, else each half on its own, down to batches of minBatch (group testing). What is
     * left goes to the exact pairwise splitting.
     */
    private void applyWhereSafe(List<Split> plan, int minBatch) {
        if (plan.isEmpty()) {
            return;
        }
        progress.checkCancelled();
        if (keepsConnectivity(plan)) {
            for (Split sp : plan) {
                graph.split(sp.u(), sp.w(), sp.t(), sp.amount());
            }
            return;
        }
        if (plan.size() <= minBatch) {
            return;
        }
        int mid = plan.size() / 2;
        applyWhereSafe(new ArrayList<>(plan.subList(0, mid)), minBatch);
        applyWhereSafe(new ArrayList<>(plan.subList(mid, plan.size())), minBatch);
    }

    /** Whether every accelerator keeps connectivity N·k from s once all these splits are made. */
    private boolean keepsConnectivity(List<Split> plan) {
        FlowNetwork net = planNetwork(plan);
        if (net == null) {
            return false;
        }
        int s = graph.nodeCount();
        batchChecks++;
        flowQueries += accelerators.length;
        return flows.allSinks(net, accelerators, (f, v) -> f.maxFlow(s, v, need) >= need, progress);
    }

    /** The flow network once all these splits are made (s = node count), or null if one overdraws. */
    private FlowNetwork planNetwork(List<Split> plan) {
        java.util.Map<Long, Long> capacity = new java.util.HashMap<>();
        for (LogicalGraph.Arc a : graph.arcs()) {
            capacity.put(key(a.from, a.to), a.capacity);
        }
        for (Split sp : plan) {
            capacity.merge(key(sp.u(), sp.w()), -sp.amount(), Long::sum);
            capacity.merge(key(sp.w(), sp.t()), -sp.amount(), Long::sum);
            capacity.merge(key(sp.u(), sp.t()), sp.amount(), Long::sum);
        }
        int n = graph.nodeCount();
        int s = n;
        FlowNetwork net = new FlowNetwork(n + 1, capacity.size() + accelerators.length);
        for (java.util.Map.Entry<Long, Long> e : capacity.entrySet()) {
            if (e.getValue() < 0) {
                return null;
            }
            if (e.getValue() > 0) {
                net.addEdge((int) (e.getKey() >>> 32), (int) (e.getKey() & 0xffffffffL), e.getValue());
            }
        }
        for (int v : accelerators) {
            net.addEdge(s, v, k);
        }
        return net;
    }

    private static long key(int u, int v) {
        return ((long) u << 32) | (v & 0xffffffffL);
    }

    private void splitPairwise(int w) {
        // Proper pairs first (u ≠ t), then the pairs that would only form loops.
        for (int pass = 0; pass < 2; pass++) {
            for (int u : graph.inNeighbours(w)) {
                for (int t : graph.outNeighbours(w)) {
                    if ((pass == 0) == (u == t)) {
                        continue;
                    }
                    long cu = graph.capacity(u, w);
                    if (cu == 0) {
                        break;
                    }
                    long ct = graph.capacity(w, t);
                    if (ct == 0) {
                        continue;
                    }
                    progress.checkCancelled();
                    long alpha = maxSplit(u, w, t, Math.min(cu, ct));
                    if (alpha > 0) {
                        graph.split(u, w, t, alpha);
                    }
                }
            }
        }
    }

    /**
     * The largest α ≤ limit that keeps every accelerator's connectivity from s at N·k. Splitting
     * α off (u,w),(w,t) lowers by α exactly the cuts of the sets X (s ∈ X, some accelerator v ∉ X)
     * with either u, t ∈ X and w ∉ X, or w ∈ X and u, t ∉ X; every other cut keeps its value.
     */
    long maxSplit(int u, int w, int t, long limit) {
        long target = Math.addExact(need, limit);
        long alpha = Math.min(limit, minCut(new int[] {u, t}, new int[] {w}, target) - need);
        if (alpha > 0) {
            alpha = Math.min(alpha, minCut(new int[] {w}, new int[] {u, t}, target) - need);
        }
        return Math.max(0, alpha);
    }

    /**
     * min over accelerators v of the minimum cut between s ∪ sources and sinks ∪ {v}, with flows
     * stopped at target. When a sink is itself an accelerator, v adds nothing and one flow suffices.
     */
    private long minCut(int[] sources, int[] sinks, long target) {
        int n = graph.nodeCount();
        int s = n;
        int sink = n + 1;
        FlowNetwork net = new FlowNetwork(n + 2);
        for (LogicalGraph.Arc a : graph.arcs()) {
            net.addEdge(a.from, a.to, a.capacity);
        }
        for (int v : accelerators) {
            net.addEdge(s, v, k);
        }
        boolean[] fixed = new boolean[n];
        for (int x : sources) {
            net.addEdge(s, x, FlowNetwork.INF);
            fixed[x] = true;
        }
        boolean sinkIsAccelerator = false;
        for (int x : sinks) {
            net.addEdge(x, sink, FlowNetwork.INF);
            fixed[x] = true;
            sinkIsAccelerator |= accelerator[x];
        }
        if (sinkIsAccelerator) {
            flowQueries++;
            return net.maxFlow(s, sink, target);
        }
        int[] toSink = new int[n];
        List<Integer> candidates = new ArrayList<>();
        for (int v : accelerators) {
            if (!fixed[v]) {
                toSink[v] = net.addEdge(v, sink, 0);
                candidates.add(v);
            }
        }
        if (candidates.isEmpty()) {
            return target;
        }
        flowQueries += candidates.size();
        List<Long> found = flows.forEachSink(net, candidates.stream().mapToInt(Integer::intValue).toArray(),
                (f, v) -> {
                    f.setCapacity(toSink[v], FlowNetwork.INF);
                    long value = f.maxFlow(s, sink, target);
                    f.setCapacity(toSink[v], 0);
                    return value;
                }, progress);
        long min = target;
        for (long value : found) {
            min = Math.min(min, value);
        }
        return min;
    }
}
