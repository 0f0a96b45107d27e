package canopy.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArcAdmissionTest {

    /**
     * What makes the packer's second question of a pair exact: asked as if x1→y1 had already taken
     * every copy of t, it answers what the same question answers after that take. Random capacitated
     * digraphs, other roots' partial trees, both the shortcut answers and the max-flow ones.
     */
    @Test
    void aQuestionAskedBeforeATakeAnswersAsAfterIt() {
        Random rnd = new Random(61206);
        int compared = 0;
        int byFlow = 0;
        for (int i = 0; i < 1500; i++) {
            int n = 4 + rnd.nextInt(6);
            Digraph d = Digraph.random(n, 12, rnd);
            long[][] capacity = d.capacity();
            int[][] out = d.out();
            int[][] in = d.in();
            int arcs = d.arcs();
            List<TreePacker.PartialTree> unfinished = new ArrayList<>();
            TreePacker.PartialTree t = new TreePacker.PartialTree(0, 1 + rnd.nextInt(4), n);
            unfinished.add(t);
            for (int r = 0; r < n; r++) {
                if (rnd.nextBoolean()) {
                    TreePacker.PartialTree o = new TreePacker.PartialTree(r, 1 + rnd.nextInt(5), n);
                    grow(o, capacity, rnd.nextInt(n), rnd);
                    unfinished.add(o);
                }
            }
            grow(t, capacity, rnd.nextInt(n - 1), rnd);
            ArcAdmission admission = new ArcAdmission(capacity, out, in, arcs, unfinished);
            for (int q = 0; q < 10; q++) {
                int x1 = t.node(rnd.nextInt(t.size()));
                int x2 = t.node(rnd.nextInt(t.size()));
                int y1 = rnd.nextInt(n);
                int y2 = rnd.nextInt(n);
                if (t.member[y1] || t.member[y2] || y1 == y2 || capacity[x1][y1] < t.multiplicity
                        || capacity[x2][y2] == 0) {
                    continue;
                }
                long whole = t.multiplicity;
                admission.fillExits();
                ArcAdmission.Answer before = admission.ask(t, x2, y2, x1, y1, whole);
                long[][] after = new long[n][];
                for (int v = 0; v < n; v++) {
                    after[v] = capacity[v].clone();
                }
                after[x1][y1] -= whole;
                TreePacker.PartialTree taken = new TreePacker.PartialTree(t, whole);
                taken.add(x1, y1);
                List<TreePacker.PartialTree> afterTrees = new ArrayList<>(unfinished);
                afterTrees.set(0, taken);
                ArcAdmission.Answer answer = new ArcAdmission(after, out, in, arcs, afterTrees).ask(taken, x2, y2);
                assertEquals(answer.copies(), before.copies(), "graph " + i + ": " + x2 + "->" + y2
                        + " before and after " + x1 + "->" + y1);
                compared++;
                byFlow += answer.byFlow() ? 1 : 0;
            }
        }
        assertTrue(compared > 300 && byFlow > 50, compared + " questions compared, " + byFlow + " by flow");
    }

    /**
     * The answer is the cut formula of TreePacker's class comment, enumerated over every set: the
     * copies x→y admits are min(limit, min over Z ∋ y, Z ∌ x of ρ(Z) + (copies of other trees
     * touching Z) − (copies of all other trees)). The trees include copies of t's root grown apart,
     * so that the nodes they all hold join x's side of the flow (and other roots' trees, so that they
     * sometimes do not).
     */
    @Test
    void answersAsEveryCutSays() {
        Random rnd = new Random(61207);
        int compared = 0;
        int byFlow = 0;
        int below = 0;
        for (int i = 0; i < 3000; i++) {
            int n = 3 + rnd.nextInt(7);
            Digraph d = Digraph.random(n, 9, rnd);
            long[][] capacity = d.capacity();
            int[][] out = d.out();
            int[][] in = d.in();
            int arcs = d.arcs();
            List<TreePacker.PartialTree> unfinished = new ArrayList<>();
            TreePacker.PartialTree t = new TreePacker.PartialTree(0, 1 + rnd.nextInt(6), n);
            unfinished.add(t);
            int siblings = rnd.nextInt(4);
            for (int j = 0; j < siblings; j++) {
                TreePacker.PartialTree o = new TreePacker.PartialTree(0, 1 + rnd.nextInt(5), n);
                grow(o, capacity, rnd.nextInt(2 * n), rnd);
                unfinished.add(o);
            }
            if (rnd.nextInt(3) == 0) {
                int r = 1 + rnd.nextInt(n - 1);
                TreePacker.PartialTree o = new TreePacker.PartialTree(r, 1 + rnd.nextInt(5), n);
                grow(o, capacity, rnd.nextInt(n), rnd);
                unfinished.add(o);
            }
            grow(t, capacity, rnd.nextInt(n), rnd);
            ArcAdmission admission = new ArcAdmission(capacity, out, in, arcs, unfinished);
            for (int q = 0; q < 6; q++) {
                int x = t.node(rnd.nextInt(t.size()));
                int y = rnd.nextInt(n);
                if (t.member[y] || capacity[x][y] == 0) {
                    continue;
                }
                ArcAdmission.Answer answer = admission.ask(t, x, y);
                assertEquals(byEveryCut(capacity, unfinished, t, x, y), answer.copies(),
                        "graph " + i + ": " + x + "->" + y);
                compared++;
                byFlow += answer.byFlow() ? 1 : 0;
                below += answer.copies() < answer.limit() ? 1 : 0;
            }
        }
        assertTrue(compared > 2000 && byFlow > 300 && below > 100,
                compared + " questions compared, " + byFlow + " by flow, " + below + " below the limit");
    }

    private static long byEveryCut(long[][] capacity, List<TreePacker.PartialTree> unfinished,
                                   TreePacker.PartialTree t, int x, int y) {
        int n = capacity.length;
        long limit = Math.min(t.multiplicity, capacity[x][y]);
        long others = 0;
        for (TreePacker.PartialTree o : unfinished) {
            others += o == t ? 0 : o.multiplicity;
        }
        long least = others + limit;
        for (int z = 0; z < 1 << n; z++) {
            if ((z >> y & 1) == 0 || (z >> x & 1) == 1) {
                continue;
            }
            long value = 0;
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    if ((z >> a & 1) == 0 && (z >> b & 1) == 1) {
                        value += capacity[a][b];
                    }
                }
            }
            for (TreePacker.PartialTree o : unfinished) {
                boolean touches = false;
                for (int v = 0; v < n; v++) {
                    touches |= o.member[v] && (z >> v & 1) == 1;
                }
                value += o != t && touches ? o.multiplicity : 0;
            }
            least = Math.min(least, value);
        }
        return Math.min(limit, least - others);
    }

    /** A random capacitated digraph (each arc present with probability 2/3) and its adjacency. */
    private record Digraph(long[][] capacity, int[][] out, int[][] in, int arcs) {
        static Digraph random(int n, int maxCapacity, Random rnd) {
            long[][] capacity = new long[n][n];
            for (int x = 0; x < n; x++) {
                for (int y = 0; y < n; y++) {
                    if (x != y && rnd.nextInt(3) > 0) {
                        capacity[x][y] = 1 + rnd.nextInt(maxCapacity);
                    }
                }
            }
            int[][] out = new int[n][];
            int[][] in = new int[n][];
            int arcs = 0;
            for (int v = 0; v < n; v++) {
                List<Integer> o = new ArrayList<>();
                List<Integer> p = new ArrayList<>();
                for (int w = 0; w < n; w++) {
                    if (capacity[v][w] > 0) {
                        o.add(w);
                    }
                    if (capacity[w][v] > 0) {
                        p.add(w);
                    }
                }
                out[v] = o.stream().mapToInt(Integer::intValue).toArray();
                in[v] = p.stream().mapToInt(Integer::intValue).toArray();
                arcs += out[v].length;
            }
            return new Digraph(capacity, out, in, arcs);
        }
    }

    /** Adds up to steps random arcs with capacity out of tree o (capacities left as they are). */
    private static void grow(TreePacker.PartialTree o, long[][] capacity, int steps, Random rnd) {
        int n = capacity.length;
        for (int s = 0; s < steps; s++) {
            int x = o.node(rnd.nextInt(o.size()));
            int y = rnd.nextInt(n);
            if (!o.member[y] && capacity[x][y] > 0) {
                o.add(x, y);
            }
        }
    }
}
