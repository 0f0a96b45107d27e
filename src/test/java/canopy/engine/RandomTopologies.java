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

    /** t with each link's latency_us drawn from choices (null: absent). */
    static Topology withLatencies(Topology t, Random rnd, Double... choices) {
        List<Link> links = new ArrayList<>();
        for (Link l : t.links()) {
            links.add(l.withLatency(choices[rnd.nextInt(choices.length)]));
        }
        return new Topology(t.name(), t.units(), t.nodes(), links);
    }

    static Topology random(Random rnd, int maxAccelerators, int maxSwitches) {
        return random(rnd, maxAccelerators, maxSwitches, BANDWIDTHS);
    }

    /**
     * Bandwidths that break 64-bit arithmetic: tiny beside huge (1e-9 and 1e10, up to 10^±30, the
     * limits of formats.md), 5e18, distinct prime denominators, a double written out (2048/65 as
     * 31.50769230769231), random fractions with 30-digit parts.
     */
    static Rational[] extremeBandwidths(Random rnd) {
        List<Rational> out = new ArrayList<>(List.of(Rational.parse("1e-9"), Rational.parse("1e10"),
                Rational.parse("5e18"), Rational.parse("31.50769230769231"), Rational.parse("1e30"),
                Rational.parse("1e-30"), Rational.parse("999999999999999999999999999999/7"), Rational.of(25)));
        int[] primes = {3, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};
        for (int p : primes) {
            out.add(Rational.parse("100/" + p));
        }
        for (int i = 0; i < 4; i++) {
            java.math.BigInteger num = new java.math.BigInteger(99, rnd).add(java.math.BigInteger.ONE);
            java.math.BigInteger den = new java.math.BigInteger(99, rnd).add(java.math.BigInteger.ONE);
            out.add(Rational.of(num, den));
        }
        // Each graph draws from a few of them, so some graphs mix scales and others only denominators.
        java.util.Collections.shuffle(out, rnd);
        return out.subList(0, 2 + rnd.nextInt(5)).toArray(new Rational[0]);
    }

    static Topology random(Random rnd, int maxAccelerators, int maxSwitches, Rational[] palette) {
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
            Rational bw = pick(rnd, palette);
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
                links.add(Link.duplex(nodes.get(u).id(), nodes.get(v).id(), pick(rnd, palette)));
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
            Rational bw = pick(rnd, palette);
            for (int i = 0; i < cyc.size(); i++) {
                links.add(Link.oneWay(nodes.get(cyc.get(i)).id(), nodes.get(cyc.get((i + 1) % cyc.size())).id(), bw));
            }
        }
        // Every switch needs at least one link; an isolated switch is harmless but pointless.
        return new Topology("random", "GB/s", nodes, links);
    }

    private static Rational pick(Random rnd, Rational[] palette) {
        return palette[rnd.nextInt(palette.length)];
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
