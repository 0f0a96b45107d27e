package canopy.model;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of formats.md that a topology must keep, checked on a {@link Topology} object so the
 * designer can list them live while the readers refuse the first (canopy.io.TopologyJson#check).
 * Here in the model, below the engine and io, so a what-if in the engine checks a topology without
 * knowing file formats. Exact arithmetic throughout.
 */
public final class TopologyValidator {
    /** Bandwidths whose numerator or denominator exceed 10^this are refused as not sensible. */
    public static final int MAX_BANDWIDTH_DIGITS = 30;
    private static final BigInteger MAX_BANDWIDTH_PART = BigInteger.TEN.pow(MAX_BANDWIDTH_DIGITS);

    /**
     * One broken rule. element is the node id, the link's description ("a->b", or "links[4] (a->b)"
     * when several links share it) or "topology"; message is a full one-line sentence naming it.
     */
    public record Problem(String element, String message) {
    }

    private TopologyValidator() {
    }

    /**
     * Every problem, in this order: empty and duplicate ids, links to unknown nodes, self-loops, bad
     * bandwidths, fewer than two accelerators, unbalanced switches, and an accelerator pair that cannot
     * reach each other (one pair is named).
     */
    public static List<Problem> problems(Topology t) {
        List<Problem> out = new ArrayList<>();
        List<Node> nodes = t.nodes();
        List<Link> links = t.links();

        Map<String, Integer> firstIndex = new HashMap<>();
        Map<String, Boolean> reported = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            String id = nodes.get(i).id();
            if (id.isBlank()) {
                out.add(new Problem("node #" + i, "node #" + i + ": empty \"id\""));
                continue;
            }
            Integer prev = firstIndex.putIfAbsent(id, i);
            if (prev != null && reported.putIfAbsent(id, true) == null) {
                out.add(new Problem(id, "node " + id + ": duplicate id (nodes #" + prev + " and #" + i
                        + " are both \"" + id + "\")"));
            }
        }

        List<String> names = linkNames(links);
        boolean[] usable = new boolean[links.size()];
        for (int i = 0; i < links.size(); i++) {
            Link l = links.get(i);
            String name = names.get(i);
            boolean ok = true;
            for (String end : new String[] {l.from(), l.to()}) {
                if (t.node(end) == null) {
                    out.add(new Problem(name, where(name) + ": unknown node " + Messages.quoteJson(end)));
                    ok = false;
                    if (l.from().equals(l.to())) {
                        break;
                    }
                }
            }
            if (l.from().equals(l.to())) {
                out.add(new Problem(name, where(name) + ": a self-loop (from and to are both "
                        + Messages.quoteJson(l.from()) + ")"));
                ok = false;
            }
            Rational b = l.bandwidth();
            if (b.signum() <= 0) {
                out.add(new Problem(name, where(name) + ": bandwidth " + b + " is not a positive finite number"));
                ok = false;
            } else if (!sensible(b)) {
                out.add(new Problem(name, where(name) + ": bandwidth " + Messages.clipLine(b.toString(), 60)
                        + " is not a sensible bandwidth (numerator or denominator above 10^"
                        + MAX_BANDWIDTH_DIGITS + ")"));
                ok = false;
            }
            usable[i] = ok;
        }

        List<Node> acc = t.accelerators();
        if (acc.size() < 2) {
            out.add(new Problem("topology", "topology: " + (acc.isEmpty() ? "no accelerators"
                    : "only one accelerator (" + acc.get(0).id() + ")") + "; at least two are needed"));
        }

        // Switch balance over directed arcs (a duplex link is an arc each way). Summed by common scale
        // (Rational.scaledSum), not pairwise: thousands of distinct denominators stay fast.
        Map<String, List<Rational>[]> inOut = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (!n.isAccelerator()) {
                @SuppressWarnings("unchecked")
                List<Rational>[] sides = new List[] {new ArrayList<Rational>(), new ArrayList<Rational>()};
                inOut.putIfAbsent(n.id(), sides);
            }
        }
        for (Link l : links) {
            Rational b = l.bandwidth();
            if (!sensible(b)) {
                continue;
            }
            addArc(inOut, l.from(), l.to(), b);
            if (l.duplex()) {
                addArc(inOut, l.to(), l.from(), b);
            }
        }
        for (Map.Entry<String, List<Rational>[]> e : inOut.entrySet()) {
            Node n = t.node(e.getKey());
            if (n == null || n.isAccelerator()) {
                continue;
            }
            BigInteger[] in = Rational.scaledSum(e.getValue()[0], null);
            BigInteger[] outBw = Rational.scaledSum(e.getValue()[1], in[1]);
            // outBw's scale is a multiple of in's: bring in's numerator to it and compare integers.
            BigInteger inAtScale = in[0].multiply(outBw[1].divide(in[1]));
            if (!inAtScale.equals(outBw[0])) {
                out.add(new Problem(e.getKey(), "switch " + e.getKey() + ": incoming bandwidth "
                        + total(Rational.of(in[0], in[1])) + " differs from outgoing "
                        + total(Rational.of(outBw[0], outBw[1]))));
            }
        }

        if (acc.size() >= 2) {
            Problem p = reachability(t, links, usable);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    private static void addArc(Map<String, List<Rational>[]> inOut, String from, String to, Rational b) {
        List<Rational>[] f = inOut.get(from);
        if (f != null) {
            f[1].add(b);
        }
        List<Rational>[] g = inOut.get(to);
        if (g != null) {
            g[0].add(b);
        }
    }

    /** A switch's total as the exact fraction, or about 17 digits when the fraction is very long. */
    private static String total(Rational r) {
        String s = r.toString();
        return s.length() <= 60 ? s : "about " + new java.math.BigDecimal(r.numerator())
                .divide(new java.math.BigDecimal(r.denominator()), java.math.MathContext.DECIMAL64).toString();
    }

    /** True when b is positive with numerator and denominator at most 10^30. */
    public static boolean sensible(Rational b) {
        return b.signum() > 0 && b.numerator().compareTo(MAX_BANDWIDTH_PART) <= 0
                && b.denominator().compareTo(MAX_BANDWIDTH_PART) <= 0;
    }

    /**
     * All accelerators reach each other exactly when the first one reaches every accelerator and every
     * accelerator reaches it; two searches, forward and backward, find a pair that fails.
     */
    private static Problem reachability(Topology t, List<Link> links, boolean[] usable) {
        Map<String, Integer> index = new HashMap<>();
        List<Node> nodes = t.nodes();
        for (Node n : nodes) {
            index.putIfAbsent(n.id(), index.size());
        }
        int n = index.size();
        List<List<Integer>> fwd = new ArrayList<>();
        List<List<Integer>> bwd = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            fwd.add(new ArrayList<>());
            bwd.add(new ArrayList<>());
        }
        for (int i = 0; i < links.size(); i++) {
            if (!usable[i]) {
                continue;
            }
            int a = index.get(links.get(i).from());
            int b = index.get(links.get(i).to());
            fwd.get(a).add(b);
            bwd.get(b).add(a);
            if (links.get(i).duplex()) {
                fwd.get(b).add(a);
                bwd.get(a).add(b);
            }
        }
        List<Node> acc = t.accelerators();
        String first = acc.get(0).id();
        int s = index.get(first);
        boolean[] reached = search(s, fwd, n);
        for (Node a : acc) {
            if (!reached[index.get(a.id())]) {
                return new Problem(first, "accelerator " + first + " cannot reach " + a.id());
            }
        }
        boolean[] reaching = search(s, bwd, n);
        for (Node a : acc) {
            if (!reaching[index.get(a.id())]) {
                return new Problem(a.id(), "accelerator " + a.id() + " cannot reach " + first);
            }
        }
        return null;
    }

    private static boolean[] search(int s, List<List<Integer>> adj, int n) {
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        seen[s] = true;
        queue.add(s);
        while (!queue.isEmpty()) {
            for (int v : adj.get(queue.poll())) {
                if (!seen[v]) {
                    seen[v] = true;
                    queue.add(v);
                }
            }
        }
        return seen;
    }

    /** "link a->b" or "links[4] (a->b)": how a message starts that is about this link. */
    public static String where(String linkName) {
        return linkName.startsWith("links[") ? linkName : "link " + linkName;
    }

    /**
     * How messages name each link: "a->b", or "links[i] (a->b)" when more than one link has the same
     * from and to.
     */
    public static List<String> linkNames(List<Link> links) {
        List<String[]> ends = new ArrayList<>();
        for (Link l : links) {
            ends.add(new String[] {l.from(), l.to()});
        }
        return namesOf(ends);
    }

    /** Same as {@link #linkNames} for raw from/to pairs (either may be null when unknown). */
    public static List<String> namesOf(List<String[]> ends) {
        Map<String, Integer> count = new HashMap<>();
        List<String> plain = new ArrayList<>();
        for (String[] e : ends) {
            String p = e[0] == null || e[1] == null ? null : Messages.clipLine(e[0], 60) + "->" + Messages.clipLine(e[1], 60);
            plain.add(p);
            if (p != null) {
                count.merge(p, 1, Integer::sum);
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < plain.size(); i++) {
            String p = plain.get(i);
            if (p == null) {
                out.add("links[" + i + "]");
            } else {
                out.add(count.get(p) > 1 ? "links[" + i + "] (" + p + ")" : p);
            }
        }
        return out;
    }
}
