package canopy.engine;

import canopy.model.*;
import org.junit.jupiter.api.Test;
import java.util.*;

class TmpPerfTest {
    static Topology dgx(int boxes, int rails) {
        List<Node> nodes = new ArrayList<>(); List<Link> links = new ArrayList<>();
        for (int r = 0; r < rails; r++) nodes.add(Node.switchNode("ib" + r));
        for (int b = 0; b < boxes; b++) {
            nodes.add(Node.switchNode("b" + b + "nvs"));
            for (int g = 0; g < 8; g++) {
                String id = "b" + b + "g" + g;
                nodes.add(Node.accelerator(id));
                links.add(Link.duplex(id, "b" + b + "nvs", Rational.of(300)));
                links.add(Link.duplex(id, "ib" + (g % rails), Rational.of(25)));
            }
        }
        return new Topology("dgx", null, nodes, links);
    }
    static Topology torus(int r, int c) {
        List<Node> nodes = new ArrayList<>(); List<Link> links = new ArrayList<>();
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) nodes.add(Node.accelerator("t" + i + "_" + j));
        for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) {
            links.add(Link.duplex("t" + i + "_" + j, "t" + i + "_" + ((j + 1) % c), Rational.of(50)));
            links.add(Link.duplex("t" + i + "_" + j, "t" + ((i + 1) % r) + "_" + j, Rational.of(50)));
        }
        return new Topology("torus", null, nodes, links);
    }
    @Test
    void perf() {
        for (Topology t : List.of(dgx(2, 2), dgx(8, 2), dgx(16, 2), dgx(16, 8))) {
            long t0 = System.nanoTime();
            ForestScheduler fs = new ForestScheduler();
            Schedule s = fs.schedule(t, Collective.ALLGATHER);
            System.out.printf("%s N=%d algbw %s trees %d k %d %s %.1f ms%n", t.name(), t.acceleratorCount(), s.algbw(), s.trees().size(), fs.stats().treesPerRoot(), fs.stats(), (System.nanoTime()-t0)/1e6);
        }
    }
}
