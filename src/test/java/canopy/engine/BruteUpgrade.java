package canopy.engine;

import canopy.model.Link;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.List;

/** An upgrade checked the slow way: the raised topology built by hand, breakpoints by enumerating every cut. */
final class BruteUpgrade {
    private BruteUpgrade() {
    }

    /** The topology with these links (indices) raised by t. */
    static Topology raised(Topology t, List<Integer> upgraded, Rational by) {
        List<Link> links = new ArrayList<>(t.links());
        for (int j : upgraded) {
            links.set(j, links.get(j).withBandwidth(links.get(j).bandwidth().add(by)));
        }
        return t.withLinks(links);
    }

    /** The indices of these link names ({@link WhatIf#linkNames}). */
    static List<Integer> indices(Topology t, List<String> names) {
        List<String> all = WhatIf.linkNames(t);
        List<Integer> out = new ArrayList<>();
        for (String n : names) {
            out.add(all.indexOf(n));
        }
        return out;
    }

    /**
     * Per direction: N × min over S of (B(S) + t c(S)) / k as lines; {b*, limit} by enumerating every cut,
     * b* = bandwidth + t*; {null, null} when every cut is left by the upgraded links.
     */
    static Rational[] breakpoint(Topology t, List<Integer> upgraded, Rational bandwidth, boolean reverse) {
        NetworkGraph g0 = NetworkGraph.of(t);
        NetworkGraph g = reverse ? g0.reversed() : g0;
        // Arc multiplicities the upgrade adds per unit of t.
        NetworkGraph g1 = NetworkGraph.of(raised(t, upgraded, Rational.ONE));
        NetworkGraph h = reverse ? g1.reversed() : g1;
        int n = g.nodeCount();
        int nAcc = g.acceleratorCount();
        Rational limit = null;
        List<Rational[]> crossing = new ArrayList<>(); // {B, c, k}
        for (int mask = 1; mask < (1 << n) - 1; mask++) {
            boolean[] s = new boolean[n];
            for (int v = 0; v < n; v++) {
                s[v] = (mask >> v & 1) != 0;
            }
            int k = WhatIf.accelerators(g, s);
            if (k == 0 || k == nAcc) {
                continue;
            }
            Rational b = WhatIf.leaving(g, s);
            Rational cross = WhatIf.leaving(h, s).subtract(b);
            if (cross.signum() == 0) {
                Rational v = b.multiply(nAcc).divide(k);
                limit = limit == null ? v : limit.min(v);
            } else {
                crossing.add(new Rational[] {b, cross, Rational.of(k)});
            }
        }
        if (limit == null) {
            return new Rational[] {null, null};
        }
        Rational at = Rational.ZERO;
        for (Rational[] line : crossing) {
            Rational tt = limit.multiply(line[2]).divide(nAcc).subtract(line[0]).divide(line[1]);
            at = at.max(tt);
        }
        return new Rational[] {bandwidth.add(at), limit};
    }
}
