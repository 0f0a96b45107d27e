package canopy.engine;

import canopy.model.Rational;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Routes of NCCL's channel hops through a topology, after NCCL's own path choice (NVIDIA/nccl
 * src/graph/paths.cc, {@code ncclTopoSetPaths}: the widest path, and among the widest the one with
 * fewest hops). Intermediate nodes are switches only; a GPU relaying to another GPU's NIC (PXN) is
 * two routes joined, chosen by {@link NcclPxn}. Routes between a GPU and a NIC of the same machine stay
 * inside it ({@link #pathWithinMachine}): NCCL's paths are computed on one machine's topology, where the
 * network is not a way from a GPU to its own NICs. Equal routes are told apart by a seed (the channel),
 * so channels crossing a multi-path network spread over its spines as ECMP does rather than all taking
 * the first.
 */
final class NcclRoutes {
    private static final java.util.regex.Pattern MACHINE = java.util.regex.Pattern.compile("n\\d{1,9}\\.");
    private final NetworkGraph g;
    private final Map<Long, Label[]> bySource = new HashMap<>();
    private final Map<Long, Label[]> withinBySource = new HashMap<>();

    /** Widest bandwidth so far (null = unbounded, at the source) and hops. */
    private record Label(Rational width, int hops) {
        boolean better(Label o) {
            if (o == null) {
                return true;
            }
            int c = compareWidth(width, o.width);
            return c != 0 ? c > 0 : hops < o.hops;
        }

        boolean same(Label o) {
            return o != null && compareWidth(width, o.width) == 0 && hops == o.hops;
        }

        Label extend(Rational bw) {
            return new Label(width == null ? bw : width.min(bw), hops + 1);
        }
    }

    private static int compareWidth(Rational a, Rational b) {
        if (a == null || b == null) {
            return a == b ? 0 : a == null ? 1 : -1;
        }
        return a.compareTo(b);
    }

    NcclRoutes(NetworkGraph g) {
        this.g = g;
    }

    /** The route from → to as node ids (both ends included); seed picks among equal routes. */
    List<String> path(String from, String to, int seed) {
        return path(from, to, seed, null);
    }

    /**
     * The route from → to through switches of from's machine only (ids with its "n&lt;k&gt;." prefix), as
     * NCCL routes between a GPU and a NIC of one machine.
     */
    List<String> pathWithinMachine(String from, String to, int seed) {
        return path(from, to, seed, machine(from));
    }

    /** "n3." of "n3.gpu0"; "" for an id of a one-machine topology or of the network between machines. */
    static String machine(String id) {
        java.util.regex.Matcher m = MACHINE.matcher(id);
        return m.lookingAt() ? m.group() : "";
    }

    /** The route, relaying through switches whose machine is within (any switch when null). */
    private List<String> path(String from, String to, int seed, String within) {
        int s = g.indexOf(from);
        int t = g.indexOf(to);
        if (s == t) {
            return List.of(from);
        }
        Label[] labels = (within == null ? bySource : withinBySource).computeIfAbsent((long) s, k -> labels(s, within));
        if (labels[t] == null) {
            throw new IllegalArgumentException(to + " cannot be reached from " + from + " through switches"
                    + (within == null ? "" : " of its machine"));
        }
        List<String> out = new ArrayList<>();
        out.add(to);
        int v = t;
        int step = 0;
        while (v != s) {
            List<Integer> preds = new ArrayList<>();
            for (int a : g.inArcs(v)) {
                int u = g.arcFrom(a);
                if (labels[u] != null && (u == s || relays(u, within))
                        && labels[u].extend(g.bandwidth(a)).same(labels[v])) {
                    preds.add(u);
                }
            }
            Collections.sort(preds);
            v = preds.get(Math.floorMod(seed + step++, preds.size()));
            out.add(g.id(v));
        }
        Collections.reverse(out);
        return out;
    }

    /** Whether node u may relay: a switch (of machine within, when not null). */
    private boolean relays(int u, String within) {
        return !g.isAccelerator(u) && (within == null || machine(g.id(u)).equals(within));
    }

    /** Dijkstra on (widest, then fewest hops), which is monotone along a path; switches relay only. */
    private Label[] labels(int s, String within) {
        Label[] best = new Label[g.nodeCount()];
        boolean[] done = new boolean[g.nodeCount()];
        best[s] = new Label(null, 0);
        PriorityQueue<Integer> queue = new PriorityQueue<>((x, y) -> best[x].better(best[y]) ? -1
                : best[y].better(best[x]) ? 1 : Integer.compare(x, y));
        queue.add(s);
        while (!queue.isEmpty()) {
            int u = queue.poll();
            if (done[u]) {
                continue;
            }
            done[u] = true;
            if (u != s && !relays(u, within)) {
                continue;
            }
            for (int a : g.outArcs(u)) {
                int v = g.arcTo(a);
                Label l = best[u].extend(g.bandwidth(a));
                if (!done[v] && l.better(best[v])) {
                    best[v] = l;
                    queue.remove(v);
                    queue.add(v);
                }
            }
        }
        return best;
    }
}
