package canopy.generate;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The formats.md topology rules, checked independently for tests (the real validator lives in
 * canopy.io and is not used here): unique ids, known endpoints, no self-loops, positive bandwidths,
 * at least two accelerators, every accelerator reaching every other, switches balanced.
 */
public final class TopologyChecks {
    private TopologyChecks() {
    }

    public static List<String> problems(Topology t) {
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Node n : t.nodes()) {
            if (!ids.add(n.id())) {
                problems.add("duplicate id " + n.id());
            }
        }
        Map<String, List<String>> out = new HashMap<>();
        Map<String, List<String>> in = new HashMap<>();
        Map<String, Rational> inBw = new HashMap<>();
        Map<String, Rational> outBw = new HashMap<>();
        for (Link l : t.links()) {
            if (!ids.contains(l.from()) || !ids.contains(l.to())) {
                problems.add("link to an unknown node " + l.describe());
                continue;
            }
            if (l.from().equals(l.to())) {
                problems.add("self-loop " + l.describe());
            }
            if (l.bandwidth().signum() <= 0) {
                problems.add("bandwidth not positive " + l.describe());
            }
            addArc(out, in, outBw, inBw, l.from(), l.to(), l.bandwidth());
            if (l.duplex()) {
                addArc(out, in, outBw, inBw, l.to(), l.from(), l.bandwidth());
            }
        }
        List<Node> acc = t.accelerators();
        if (acc.size() < 2) {
            problems.add("fewer than two accelerators");
        }
        for (Node n : t.nodes()) {
            if (!n.isAccelerator()) {
                Rational i = inBw.getOrDefault(n.id(), Rational.ZERO);
                Rational o = outBw.getOrDefault(n.id(), Rational.ZERO);
                if (!i.equals(o)) {
                    problems.add("switch " + n.id() + " unbalanced: in " + i + ", out " + o);
                }
            }
        }
        if (!acc.isEmpty()) {
            // every accelerator reaches the first and is reached from it: then every pair is joined
            Set<String> fwd = reach(acc.get(0).id(), out);
            Set<String> bwd = reach(acc.get(0).id(), in);
            for (Node n : acc) {
                if (!fwd.contains(n.id())) {
                    problems.add(acc.get(0).id() + " cannot reach " + n.id());
                }
                if (!bwd.contains(n.id())) {
                    problems.add(n.id() + " cannot reach " + acc.get(0).id());
                }
            }
        }
        return problems;
    }

    private static void addArc(Map<String, List<String>> out, Map<String, List<String>> in,
                               Map<String, Rational> outBw, Map<String, Rational> inBw, String u, String v, Rational b) {
        out.computeIfAbsent(u, k -> new ArrayList<>()).add(v);
        in.computeIfAbsent(v, k -> new ArrayList<>()).add(u);
        outBw.merge(u, b, Rational::add);
        inBw.merge(v, b, Rational::add);
    }

    private static Set<String> reach(String start, Map<String, List<String>> adj) {
        Set<String> seen = new HashSet<>();
        ArrayDeque<String> q = new ArrayDeque<>();
        seen.add(start);
        q.add(start);
        while (!q.isEmpty()) {
            String u = q.poll();
            for (String v : adj.getOrDefault(u, List.of())) {
                if (seen.add(v)) {
                    q.add(v);
                }
            }
        }
        return seen;
    }
}
