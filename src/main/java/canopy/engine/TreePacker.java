package canopy.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

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
    /** A tree under construction or finished. Vertices and arcs use compact indices 0..N−1. */
    static final class PartialTree {
        final int root;
        long multiplicity;
        final boolean[] member;
        final List<Integer> order = new ArrayList<>();
        final List<int[]> arcs = new ArrayList<>();

        PartialTree(int root, long multiplicity, int n) {
            this.root = root;
            this.multiplicity = multiplicity;
            this.member = new boolean[n];
            member[root] = true;
            order.add(root);
        }

        PartialTree(PartialTree o, long multiplicity) {
            this.root = o.root;
            this.multiplicity = multiplicity;
            this.member = o.member.clone();
            this.order.addAll(o.order);
            for (int[] a : o.arcs) {
                this.arcs.add(a.clone());
            }
        }

        int size() {
            return order.size();
        }

        void add(int x, int y) {
            member[y] = true;
            order.add(y);
            arcs.add(new int[] {x, y});
        }
    }

    private final int n;
    private final long[][] capacity;
    /** Out-neighbours with positive initial capacity (capacities only go down). */
    private final int[][] neighbours;
    private int arcCount;
    private final Progress progress;
    private final List<PartialTree> unfinished = new ArrayList<>();
    private long flowQueries;

    /** capacity[x][y]: arc capacities between compact accelerator indices (copied, not modified). */
    TreePacker(long[][] capacity, Progress progress) {
        this.n = capacity.length;
        this.capacity = new long[n][];
        for (int i = 0; i < n; i++) {
            this.capacity[i] = capacity[i].clone();
        }
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
        this.progress = progress;
    }

    long flowQueries() {
        return flowQueries;
    }

    /** k trees per root, as distinct trees with multiplicities adding up to k per root. */
    List<PartialTree> pack(long k) {
        Deque<PartialTree> queue = new ArrayDeque<>();
        for (int r = 0; r < n; r++) {
            PartialTree t = new PartialTree(r, k, n);
            queue.add(t);
            unfinished.add(t);
        }
        List<PartialTree> finished = new ArrayList<>();
        while (!queue.isEmpty()) {
            progress.checkCancelled();
            progress.report("packing trees", (double) finished.size() / (finished.size() + queue.size()));
            PartialTree t = queue.poll();
            grow(t, queue);
            unfinished.remove(t);
            finished.add(t);
        }
        return finished;
    }

    private void grow(PartialTree t, Deque<PartialTree> queue) {
        int stalledPasses = 0;
        int position = 0;
        while (t.size() < n) {
            if (position >= t.size()) {
                position = 0;
                if (++stalledPasses > 1) {
                    throw new IllegalStateException("tree packing stalled at a tree rooted at " + t.root
                            + " with " + t.size() + " of " + n + " accelerators");
                }
            }
            int x = t.order.get(position);
            boolean grew = false;
            for (int y : neighbours[x]) {
                if (t.size() == n) {
                    break;
                }
                if (t.member[y] || capacity[x][y] == 0) {
                    continue;
                }
                long m = copiesThatFit(t, x, y);
                if (m <= 0) {
                    continue;
                }
                if (m < t.multiplicity) {
                    PartialTree rest = new PartialTree(t, t.multiplicity - m);
                    t.multiplicity = m;
                    queue.add(rest);
                    unfinished.add(rest);
                }
                t.add(x, y);
                capacity[x][y] -= m;
                grew = true;
            }
            if (grew) {
                stalledPasses = 0;
            }
            position++;
        }
    }

    private long copiesThatFit(PartialTree t, int x, int y) {
        long limit = Math.min(t.multiplicity, capacity[x][y]);
        long others = 0;
        int treeNodes = 0;
        for (PartialTree o : unfinished) {
            if (o != t) {
                others = Math.addExact(others, o.multiplicity);
                treeNodes++;
            }
        }
        FlowNetwork net = new FlowNetwork(n + treeNodes, arcCount + treeNodes * 4);
        for (int a = 0; a < n; a++) {
            for (int b : neighbours[a]) {
                if (capacity[a][b] > 0) {
                    net.addEdge(a, b, capacity[a][b]);
                }
            }
        }
        int node = n;
        for (PartialTree o : unfinished) {
            if (o == t) {
                continue;
            }
            net.addEdge(x, node, o.multiplicity);
            for (int v : o.order) {
                net.addEdge(node, v, FlowNetwork.INF);
            }
            node++;
        }
        flowQueries++;
        long f = net.maxFlow(x, y, Math.addExact(others, limit));
        return Math.min(limit, f - others);
    }

    static String describe(List<PartialTree> trees) {
        StringBuilder sb = new StringBuilder();
        for (PartialTree t : trees) {
            sb.append(t.root).append(" x").append(t.multiplicity).append(' ');
            for (int[] a : t.arcs) {
                sb.append(Arrays.toString(a));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
