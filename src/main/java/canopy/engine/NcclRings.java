package canopy.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The channel rings NCCL's ring search builds on a multi-box cluster, for {@link RingScheduler}.
 *
 * <p>What NCCL does (read in NVIDIA/nccl, src/graph/search.cc, connect.cc, rings.cc, paths.cc):
 * <ul>
 *   <li><b>One graph per box, replayed on every box.</b> {@code ncclTopoCompute} (search.cc) searches
 *   the ring pattern {@code NET n → GPU a → GPU b → … → GPU x → NET n'} inside one node; every node
 *   uses the same channels. {@code ncclTopoPreset} and {@code connectRings} (connect.cc) then join
 *   the nodes: channel c's last GPU of node b sends to channel c's first GPU of node b+1, and the
 *   last node to the first; {@code ncclBuildRings} (rings.cc) checks each channel loops over all
 *   ranks.</li>
 *   <li><b>Channels over the NICs.</b> {@code ncclTopoSearchRecNet} starts channel c at NET
 *   {@code nets[(nChannels + i) % netCount]}, so successive channels start at successive NICs, and
 *   each NIC's bandwidth is taken by the channel it carries; the first GPU is the NIC's local GPU.</li>
 *   <li><b>NVLink order inside a box.</b> {@code ncclTopoSearchNextGpuSort} sorts the next GPU by
 *   bandwidth and hops of the routes {@code ncclTopoComputePaths} (paths.cc) finds between GPUs; on
 *   an NVSwitch box it tries GPU index+1 first, then index−1.</li>
 *   <li><b>Rails.</b> {@code ncclTopoSearchCheckNet}: with {@code crossNic} 0 the NIC the channel
 *   leaves through must be on the rail it entered on, so box b's exit and box b+1's entry are the
 *   same rail. When that finds nothing (one NIC per rail, as on DGX H100), {@code crossNic} 2 pairs
 *   channels: channel 2k+1 enters where channel 2k left and leaves where it entered, and connect.cc
 *   ("Alternate rings to avoid crossing rails") swaps channels c and c^1 on odd nodes, so each hop
 *   between boxes still stays on one rail.</li>
 * </ul>
 *
 * <p>Here: boxes are the topology's groups (all accelerators grouped, at least two groups of the same
 * size, in file order). A box member's NIC rail is the set of nodes outside its group it reaches
 * through switches of its group that touch no other accelerator (its NIC node, or its rail or leaf
 * switch directly); members with such a rail are the NIC positions, compared by their position in the
 * box (first box's rails). One channel per NIC position e: it enters every box at e and leaves at
 * x(e) ≠ e on the same rail that no other channel leaves through (the previous NIC of the rail first),
 * so each NIC carries one channel each way; or, when some rail has a single NIC, channels in pairs of
 * NIC positions as crossNic 2. Inside a box the channel goes from e to x by {@link BoxPaths}: NCCL's
 * next-GPU order with bandwidth accounting at the channel's speed, the speed lowered (as NCCL's
 * {@code speedArray}) until every channel is placed. Own code.
 */
final class NcclRings {
    private NcclRings() {
    }

    /** The channel rings (accelerator positions in ring order), or null when there are no uniform boxes. */
    static List<int[]> channels(NetworkGraph g, AcceleratorRoutes routes) {
        int n = routes.size();
        Map<String, List<Integer>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            String group = g.group(routes.node(i));
            if (group == null) {
                return null;
            }
            byGroup.computeIfAbsent(group, k -> new ArrayList<>()).add(i);
        }
        if (byGroup.size() < 2) {
            return null;
        }
        List<int[]> boxes = new ArrayList<>();
        for (List<Integer> m : byGroup.values()) {
            boxes.add(m.stream().mapToInt(Integer::intValue).toArray());
        }
        int k = boxes.get(0).length;
        for (int[] box : boxes) {
            if (box.length != k) {
                return null;
            }
        }
        if (k < 2) {
            return null;
        }
        int[] first = boxes.get(0);
        // rail of each position, from the first box; NIC positions in box order
        Map<String, List<Integer>> rails = new LinkedHashMap<>();
        String[] railOf = new String[k];
        for (int p = 0; p < k; p++) {
            String rail = rail(g, routes.node(first[p]));
            railOf[p] = rail;
            if (rail != null) {
                rails.computeIfAbsent(rail, r -> new ArrayList<>()).add(p);
            }
        }
        List<Integer> nics = new ArrayList<>();
        for (int p = 0; p < k; p++) {
            if (railOf[p] != null) {
                nics.add(p);
            }
        }
        if (nics.size() < 2) {
            return null;
        }
        boolean sameRail = true;
        for (List<Integer> r : rails.values()) {
            sameRail &= r.size() >= 2;
        }
        // the channel's speed: the narrowest route between the first two boxes' NIC positions
        double speed = Double.MAX_VALUE;
        for (int p : nics) {
            speed = Math.min(speed, routes.level(routes.widestLevel(first[p], boxes.get(1)[p])).toDouble());
        }
        BoxPaths paths = new BoxPaths(g, routes, first, speed);
        // NCCL lowers the speed until the search finds every channel (search.cc, speedArray)
        for (int step = 0; step <= 6; step++) {
            boolean last = step == 6;
            paths.reset(last ? speed : speed * (1 - step / 10.0), !last);
            List<int[]> rings = build(boxes, nics, rails, railOf, sameRail, paths);
            if (rings != null) {
                return rings;
            }
        }
        return null;
    }

    private static List<int[]> build(List<int[]> boxes, List<Integer> nics, Map<String, List<Integer>> rails,
                                     String[] railOf, boolean sameRail, BoxPaths paths) {
        List<int[]> rings = new ArrayList<>();
        if (sameRail) {
            // crossNic 0: enter at e, leave through another NIC of e's rail that no channel leaves
            // through yet, the previous one first (as NCCL tries every NIC of the rail at the end)
            Set<Integer> exits = new HashSet<>();
            for (int e : nics) {
                List<Integer> rail = rails.get(railOf[e]);
                int[] order = null;
                for (int back = 1; back < rail.size() && order == null; back++) {
                    int x = rail.get(((rail.indexOf(e) - back) % rail.size() + rail.size()) % rail.size());
                    if (!exits.contains(x)) {
                        order = paths.path(e, x);
                    }
                }
                if (order == null) {
                    return null;
                }
                exits.add(order[order.length - 1]);
                rings.add(replay(boxes, order, order));
            }
        } else {
            // crossNic 2: channel pairs (a, b) of successive NIC positions; odd boxes swap the pair
            for (int q = 0; q + 1 < nics.size(); q += 2) {
                int a = nics.get(q);
                int b = nics.get(q + 1);
                int[] ab = paths.path(a, b);
                int[] ba = ab == null ? null : paths.path(b, a);
                if (ba == null) {
                    return null;
                }
                rings.add(replay(boxes, ab, ba));
                rings.add(replay(boxes, ba, ab));
            }
        }
        return rings;
    }

    /** The ring over all boxes: even boxes in order `even`, odd boxes in order `odd` (positions). */
    private static int[] replay(List<int[]> boxes, int[] even, int[] odd) {
        int k = even.length;
        int[] ring = new int[boxes.size() * k];
        int at = 0;
        for (int b = 0; b < boxes.size(); b++) {
            int[] order = b % 2 == 0 ? even : odd;
            for (int p = 0; p < k; p++) {
                ring[at++] = boxes.get(b)[order[p]];
            }
        }
        return ring;
    }

    /**
     * Paths over a box's positions, each channel's from its entry to its exit, found one channel after
     * another as NCCL's search does: a depth-first search over hops that stay inside the box, the next
     * position tried in the order of {@code ncclTopoSearchNextGpuSort} (not relayed, widest, fewest
     * hops, then index+1, index−1, the rest cyclically), hops that would load an arc past its
     * bandwidth at the channel's speed (NCCL's bwIntra = bwInter) tried last, least loaded first. The
     * search is bounded; past the bound the channel takes the greedy order with routes anywhere.
     */
    static final class BoxPaths {
        private final NetworkGraph g;
        private final AcceleratorRoutes routes;
        private final int[] box;
        private final int k;
        private double speed;
        private boolean strict;
        private double[] use;
        private final int[][][] hopArcs;
        private final boolean[][] inside;
        private int budget;

        BoxPaths(NetworkGraph g, AcceleratorRoutes routes, int[] box, double speed) {
            this.g = g;
            this.routes = routes;
            this.box = box;
            this.k = box.length;
            this.speed = speed;
            this.use = new double[g.arcCount()];
            this.hopArcs = new int[k][k][];
            this.inside = new boolean[k][k];
            String group = g.group(routes.node(box[0]));
            for (int p = 0; p < k; p++) {
                for (int q = 0; q < k; q++) {
                    if (p == q) {
                        continue;
                    }
                    List<String> path = routes.path(box[p], box[q]);
                    int[] arcs = new int[path.size() - 1];
                    boolean in = !routes.relayed(box[p], box[q]);
                    for (int i = 0; i + 1 < path.size(); i++) {
                        int u = g.indexOf(path.get(i));
                        int v = g.indexOf(path.get(i + 1));
                        arcs[i] = g.arc(u, v);
                        in &= group.equals(g.group(v));
                    }
                    hopArcs[p][q] = arcs;
                    inside[p][q] = in;
                }
            }
        }

        /** Starts over at this channel speed; strict: only hops within bandwidth, else fail. */
        void reset(double speed, boolean strict) {
            this.speed = speed;
            this.strict = strict;
            this.use = new double[g.arcCount()];
        }

        /** The path from e to x (x last), its hops then counted as used; null when strict and none found. */
        int[] path(int e, int x) {
            int[] order = new int[k];
            boolean[] used = new boolean[k];
            order[0] = e;
            used[e] = true;
            budget = 20_000;
            if (!dfs(order, used, 1, x)) {
                if (strict) {
                    return null;
                }
                order = greedy(e, x);
            }
            for (int i = 0; i + 1 < k; i++) {
                for (int a : hopArcs[order[i]][order[i + 1]]) {
                    use[a] += 1;
                }
            }
            return order;
        }

        private boolean dfs(int[] order, boolean[] used, int step, int x) {
            if (budget-- <= 0) {
                return false;
            }
            int cur = order[step - 1];
            if (step == k - 1) {
                if (!inside[cur][x] || strict && key(cur, x) >= 1e12) {
                    return false;
                }
                order[step] = x;
                return true;
            }
            List<Integer> next = new ArrayList<>();
            for (int d = 1; d < k; d++) {
                int p = (cur + d) % k;
                if (!used[p] && p != x && inside[cur][p] && !(strict && key(cur, p) >= 1e12)) {
                    next.add(p);
                }
            }
            next.sort((p, q) -> Double.compare(key(cur, p), key(cur, q)));
            for (int p : next) {
                order[step] = p;
                used[p] = true;
                if (dfs(order, used, step + 1, x)) {
                    return true;
                }
                used[p] = false;
            }
            return false;
        }

        /** Sort key of the hop cur → p: 0..k for hops within bandwidth (NCCL's order), else above. */
        private double key(int cur, int p) {
            double worst = 0;
            for (int a : hopArcs[cur][p]) {
                worst = Math.max(worst, (use[a] + 1) * speed / g.bandwidth(a).toDouble());
            }
            int u = box[cur];
            int v = box[p];
            int d = (p - cur + k) % k;
            int rank = d == 1 ? 0 : d == k - 1 ? 1 : d + 1;
            double nccl = routes.widestLevel(u, v) * 1e6 + Math.min(routes.hops(u, v), 999) * 1e3 + rank;
            return worst <= 1 + 1e-9 ? nccl : 1e12 * (1 + worst) + nccl;
        }

        private int[] greedy(int e, int x) {
            int[] order = new int[k];
            boolean[] used = new boolean[k];
            order[0] = e;
            used[e] = true;
            used[x] = true;
            int cur = e;
            for (int step = 1; step < k - 1; step++) {
                int best = -1;
                double bestKey = Double.MAX_VALUE;
                for (int d = 1; d < k; d++) {
                    int p = (cur + d) % k;
                    if (used[p]) {
                        continue;
                    }
                    double key = (routes.relayed(box[cur], box[p]) ? 1e15 : 0) + key(cur, p);
                    if (key < bestKey) {
                        bestKey = key;
                        best = p;
                    }
                }
                order[step] = best;
                used[best] = true;
                cur = best;
            }
            order[k - 1] = x;
            return order;
        }
    }

    /**
     * The accelerator's rail: the sorted ids of the nodes outside its group it reaches through
     * switches of its group that touch no other accelerator; null when it reaches none.
     */
    static String rail(NetworkGraph g, int acc) {
        String group = g.group(acc);
        Set<Integer> seen = new HashSet<>();
        TreeSet<String> out = new TreeSet<>();
        List<Integer> stack = new ArrayList<>(List.of(acc));
        seen.add(acc);
        while (!stack.isEmpty()) {
            int u = stack.remove(stack.size() - 1);
            for (int a : g.outArcs(u)) {
                int v = g.arcTo(a);
                if (g.isAccelerator(v) || !seen.add(v)) {
                    continue;
                }
                if (!group.equals(g.group(v))) {
                    out.add(g.id(v));
                } else if (privateSwitch(g, v, acc)) {
                    stack.add(v);
                }
            }
        }
        return out.isEmpty() ? null : String.join(",", out);
    }

    private static boolean privateSwitch(NetworkGraph g, int v, int acc) {
        for (int a : g.outArcs(v)) {
            int w = g.arcTo(a);
            if (w != acc && g.isAccelerator(w)) {
                return false;
            }
        }
        for (int a : g.inArcs(v)) {
            int w = g.arcFrom(a);
            if (w != acc && g.isAccelerator(w)) {
                return false;
            }
        }
        return true;
    }
}
