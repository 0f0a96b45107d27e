package canopy.engine;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small random valid topologies for engine tests: accelerators and switches, duplex links, one-way
 * cycles (which keep every switch balanced), fractional bandwidths such as 12.5 and 100/3, and a
 * one-way ring over the accelerators so every accelerator reaches every other.
 */
final class RandomTopologies {
    private static final Rational[] BANDWIDTHS = {
        Rational.of(25), Rational.of(50), Rational.of(100), Rational.parse("12.5"), Rational.parse("100/3"),
        Rational.of(7), Rational.parse("2.5"), Rational.of(300), Rational.parse("40/7"),
    };

    private RandomTopologies() {
    }

    static Topology random(Random rnd, int maxAccelerators, int maxSwitches) {
        int nAcc = 2 + rnd.nextInt(maxAccelerators - 1);
        int nSw = rnd.nextInt(maxSwitches + 1);
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < nAcc; i++) {
            nodes.add(new Node("g" + i, NodeKind.ACCELERATOR, null, null, null, null));
        }
        for (int i = 0; i < nSw; i++) {
            nodes.add(new Node("s" + i, NodeKind.SWITCH, null, null, null, null));
        }
        int total = nAcc + nSw;
        List<Link> links = new ArrayList<>();
        // A one-way ring over the accelerators, each hop direct or through a switch (balanced either way).
        for (int i = 0; i < nAcc; i++) {
            String a = "g" + i;
            String b = "g" + ((i + 1) % nAcc);
            Rational bw = pick(rnd);
            if (nSw > 0 && rnd.nextBoolean()) {
                String s = "s" + rnd.nextInt(nSw);
                links.add(Link.oneWay(a, s, bw));
                links.add(Link.oneWay(s, b, bw));
            } else if (nAcc > 2 || i == 0) {
                links.add(Link.oneWay(a, b, bw));
            } else {
                links.add(Link.oneWay(a, b, bw));
            }
        }
        int duplex = rnd.nextInt(total + 1);
        for (int i = 0; i < duplex; i++) {
            int u = rnd.nextInt(total);
            int v = rnd.nextInt(total);
            if (u != v) {
                links.add(Link.duplex(nodes.get(u).id(), nodes.get(v).id(), pick(rnd)));
            }
        }
        int cycles = rnd.nextInt(3);
        for (int c = 0; c < cycles; c++) {
            int len = 2 + rnd.nextInt(3);
            List<Integer> cyc = new ArrayList<>();
            for (int i = 0; i < len; i++) {
                int v = rnd.nextInt(total);
                if (!cyc.contains(v)) {
                    cyc.add(v);
                }
            }
            if (cyc.size() < 2) {
                continue;
            }
            Rational bw = pick(rnd);
            for (int i = 0; i < cyc.size(); i++) {
                links.add(Link.oneWay(nodes.get(cyc.get(i)).id(), nodes.get(cyc.get((i + 1) % cyc.size())).id(), bw));
            }
        }
        // Every switch needs at least one link; an isolated switch is harmless but pointless.
        return new Topology("random", "GB/s", nodes, links);
    }

    private static Rational pick(Random rnd) {
        return BANDWIDTHS[rnd.nextInt(BANDWIDTHS.length)];
    }

    /** N × min over S (some but not all accelerators) of B⁺(S)/|S ∩ Vc|, by enumerating every S. */
    static Rational bruteForceBound(NetworkGraph g) {
        int n = g.nodeCount();
        int nAcc = g.acceleratorCount();
        Rational best = null;
        for (int mask = 1; mask < (1 << n) - 1; mask++) {
            int k = 0;
            for (int v : g.accelerators()) {
                if ((mask >> v & 1) != 0) {
                    k++;
                }
            }
            if (k == 0 || k == nAcc) {
                continue;
            }
            Rational out = Rational.ZERO;
            for (int a = 0; a < g.arcCount(); a++) {
                if ((mask >> g.arcFrom(a) & 1) != 0 && (mask >> g.arcTo(a) & 1) == 0) {
                    out = out.add(g.bandwidth(a));
                }
            }
            Rational r = out.divide(k);
            if (best == null || r.compareTo(best) < 0) {
                best = r;
            }
        }
        return best.multiply(nAcc);
    }
}
