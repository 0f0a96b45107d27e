package canopy.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A directed graph of integer arc capacities in which every unit of an arc remembers the physical
 * path it stands for. Physical arcs start as their own one-hop path; switch splitting moves units
 * from (u,w) and (w,t) onto a logical arc (u,t) whose units stand for the concatenated paths. Taking
 * units back out (for a tree edge) yields the physical paths they use.
 */
final class LogicalGraph {
    /** A run of identical units: count units, each standing for path (node indices). */
    static final class Piece {
        final int[] path;
        long count;

        Piece(int[] path, long count) {
            this.path = path;
            this.count = count;
        }
    }

    static final class Arc {
        final int from;
        final int to;
        long capacity;
        final ArrayDeque<Piece> pieces = new ArrayDeque<>();

        Arc(int from, int to) {
            this.from = from;
            this.to = to;
        }
    }

    private final int n;
    private final Map<Long, Arc> arcs = new HashMap<>();
    private final List<Set<Integer>> out = new ArrayList<>();
    private final List<Set<Integer>> in = new ArrayList<>();

    LogicalGraph(int nodeCount) {
        n = nodeCount;
        for (int i = 0; i < n; i++) {
            out.add(new LinkedHashSet<>());
            in.add(new LinkedHashSet<>());
        }
    }

    int nodeCount() {
        return n;
    }

    private static long key(int u, int v) {
        return ((long) u << 32) | (v & 0xffffffffL);
    }

    /** Adds a physical arc of capacity c (a one-hop path). */
    void addPhysical(int u, int v, long c) {
        if (c > 0) {
            add(u, v, List.of(new Piece(new int[] {u, v}, c)));
        }
    }

    /** Adds units to u→v. */
    void add(int u, int v, List<Piece> pieces) {
        Arc a = arcs.computeIfAbsent(key(u, v), k -> new Arc(u, v));
        for (Piece p : pieces) {
            if (p.count <= 0) {
                continue;
            }
            a.capacity = Math.addExact(a.capacity, p.count);
            Piece last = a.pieces.peekLast();
            if (last != null && java.util.Arrays.equals(last.path, p.path)) {
                last.count += p.count;
            } else {
                a.pieces.addLast(new Piece(p.path, p.count));
            }
        }
        if (a.capacity > 0) {
            out.get(u).add(v);
            in.get(v).add(u);
        }
    }

    long capacity(int u, int v) {
        Arc a = arcs.get(key(u, v));
        return a == null ? 0 : a.capacity;
    }

    /** Removes amount units from u→v (the oldest first) and returns them. */
    List<Piece> take(int u, int v, long amount) {
        Arc a = arcs.get(key(u, v));
        if (a == null || a.capacity < amount) {
            throw new IllegalStateException("arc " + u + "->" + v + " has fewer than " + amount + " units");
        }
        List<Piece> taken = new ArrayList<>();
        long left = amount;
        while (left > 0) {
            Piece p = a.pieces.peekFirst();
            long t = Math.min(left, p.count);
            taken.add(new Piece(p.path, t));
            p.count -= t;
            if (p.count == 0) {
                a.pieces.pollFirst();
            }
            left -= t;
        }
        a.capacity -= amount;
        if (a.capacity == 0) {
            arcs.remove(key(u, v));
            out.get(u).remove(v);
            in.get(v).remove(u);
        }
        return taken;
    }

    /** Out-neighbours of u over arcs of positive capacity (a snapshot). */
    List<Integer> outNeighbours(int u) {
        return new ArrayList<>(out.get(u));
    }

    List<Integer> inNeighbours(int v) {
        return new ArrayList<>(in.get(v));
    }

    /** Every arc of positive capacity (a snapshot). */
    List<Arc> arcs() {
        return new ArrayList<>(arcs.values());
    }

    /**
     * Splits amount units off u→w and w→t onto u→t, pairing the units in order and concatenating
     * their paths. When u == t the units would form a loop and are dropped.
     */
    void split(int u, int w, int t, long amount) {
        List<Piece> first = take(u, w, amount);
        List<Piece> second = take(w, t, amount);
        if (u == t) {
            return;
        }
        List<Piece> joined = new ArrayList<>();
        int i = 0;
        int j = 0;
        long usedI = 0;
        long usedJ = 0;
        while (i < first.size() && j < second.size()) {
            Piece a = first.get(i);
            Piece b = second.get(j);
            long c = Math.min(a.count - usedI, b.count - usedJ);
            int[] path = new int[a.path.length + b.path.length - 1];
            System.arraycopy(a.path, 0, path, 0, a.path.length);
            System.arraycopy(b.path, 1, path, a.path.length, b.path.length - 1);
            joined.add(new Piece(path, c));
            usedI += c;
            usedJ += c;
            if (usedI == a.count) {
                i++;
                usedI = 0;
            }
            if (usedJ == b.count) {
                j++;
                usedJ = 0;
            }
        }
        add(u, t, joined);
    }
}
