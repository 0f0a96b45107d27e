package canopy.cli;

import canopy.engine.FailureTarget;
import canopy.engine.WhatIf;
import canopy.io.InvalidInputException;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code whatif --fail NAME} names, resolved to the engine's typed {@link FailureTarget}s. A name
 * is, in this order of precedence: a node id; a group; a link as messages name it ("a->b" for a one-way
 * link, "a<->b" or "b<->a" for a duplex link, "links[3] (a->b)" or "links[3]" or "#3" by index in the
 * file). "node:ID", "group:NAME" and "link:SPEC" force one reading. A name that fits none is refused
 * with an {@link InvalidInputException} (exit status 2) naming the flag and, for a near miss, the link
 * meant.
 */
public final class FailTargets {
    private FailTargets() {
    }

    /** Every name's targets, in order. */
    public static List<FailureTarget> resolve(Topology t, List<String> targets) throws InvalidInputException {
        if (targets.isEmpty()) {
            throw new InvalidInputException("name at least one link, node or group to fail");
        }
        List<String> names = WhatIf.linkNames(t);
        List<FailureTarget> out = new ArrayList<>();
        for (String target : targets) {
            out.addAll(resolve(t, names, target.strip()));
        }
        return out;
    }

    /** The targets one name denotes (a duplex link's name may denote several links). */
    private static List<FailureTarget> resolve(Topology t, List<String> names, String target)
            throws InvalidInputException {
        String forced = null;
        String name = target;
        for (String prefix : List.of("node:", "group:", "link:")) {
            if (target.startsWith(prefix)) {
                forced = prefix;
                name = target.substring(prefix.length()).strip();
            }
        }
        if (name.isEmpty()) {
            throw new InvalidInputException("--fail: empty name");
        }
        Node node = t.node(name);
        List<Node> group = new ArrayList<>();
        for (Node n : t.nodes()) {
            if (name.equals(n.group())) {
                group.add(n);
            }
        }
        if (forced == null && node != null && !group.isEmpty()) {
            throw new InvalidInputException("--fail " + name + ": both a node and a group; write node:" + name
                    + " or group:" + name);
        }
        if ((forced == null || forced.equals("node:")) && node != null) {
            return List.of(FailureTarget.node(node.id()));
        }
        if ((forced == null || forced.equals("group:")) && !group.isEmpty()) {
            return List.of(FailureTarget.group(name));
        }
        if (forced == null || forced.equals("link:")) {
            List<Integer> links = links(t, names, name);
            if (!links.isEmpty()) {
                List<FailureTarget> out = new ArrayList<>();
                for (int i : links) {
                    out.add(FailureTarget.link(i));
                }
                return out;
            }
            String hint = linkHint(t, name);
            if (hint != null) {
                throw new InvalidInputException("--fail " + name + ": no such link; " + hint);
            }
        }
        String what = forced == null ? "node, group or link" : forced.substring(0, forced.length() - 1);
        throw new InvalidInputException("--fail " + quote(name) + ": no " + what + " of that name"
                + (forced == null ? " (links are named a->b, a<->b or links[i])" : ""));
    }

    private static String quote(String s) {
        return "\"" + (s.length() > 60 ? s.substring(0, 60) + "…" : s) + "\"";
    }

    /** The links a name denotes: by index, or every link whose name it is. */
    static List<Integer> links(Topology t, List<String> names, String name) throws InvalidInputException {
        String idx = null;
        if (name.startsWith("#")) {
            idx = name.substring(1);
        } else if (name.startsWith("links[")) {
            int close = name.indexOf(']');
            if (close > 6) {
                idx = name.substring(6, close);
            }
        }
        if (idx != null) {
            int i;
            try {
                i = Integer.parseInt(idx.strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--fail " + name + ": " + quote(idx) + " is not a link index");
            }
            if (i < 0 || i >= t.links().size()) {
                throw new InvalidInputException("--fail " + name + ": no link #" + i + " (the topology has "
                        + t.links().size() + " links, #0 to #" + (t.links().size() - 1) + ")");
            }
            return List.of(i);
        }
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < t.links().size(); i++) {
            Link l = t.links().get(i);
            if (names.get(i).equals(name) || l.describe().equals(name)
                    || (l.duplex() && (l.to() + "<->" + l.from()).equals(name))) {
                out.add(i);
            }
        }
        return out;
    }

    /** "did you mean a<->b?" when the name has the wrong arrow. */
    private static String linkHint(Topology t, String name) {
        String[] ends = name.contains("<->") ? name.split("<->", 2) : name.contains("->") ? name.split("->", 2) : null;
        if (ends == null || ends.length != 2) {
            return null;
        }
        String a = ends[0].strip();
        String b = ends[1].strip();
        for (Link l : t.links()) {
            boolean same = l.from().equals(a) && l.to().equals(b);
            boolean flipped = l.from().equals(b) && l.to().equals(a);
            if (same || (flipped && l.duplex())) {
                return "did you mean " + l.describe() + "?";
            }
            if (flipped) {
                return "the link goes the other way: " + l.describe();
            }
        }
        if (t.node(a) == null) {
            return "no node " + quote(a);
        }
        if (t.node(b) == null) {
            return "no node " + quote(b);
        }
        return "no link joins " + a + " and " + b;
    }

}
