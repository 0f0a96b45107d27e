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
            long[][] capacity = new long[n][n];
            for (int x = 0; x < n; x++) {
                for (int y = 0; y < n; y++) {
                    if (x != y && rnd.nextInt(3) > 0) {
                        capacity[x][y] = 1 + rnd.nextInt(12);
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
