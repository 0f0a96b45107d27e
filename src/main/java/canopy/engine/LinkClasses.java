package canopy.engine;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Groups a topology's links into {@link LinkClass}es. Two links share a class when they have the same
 * bandwidth (exactly), are both duplex or both one-way, join the same kinds of node (a one-way link's
 * direction counts: accelerator → switch differs from switch → accelerator; a duplex link has no
 * direction, so accelerator ⇄ switch is one class) and have the same {@link LinkClass.Span} (both ends
 * in one group, across groups, or no groups at all). Which group does not count: the point is one
 * class for "the NVSwitch links of every box". Each file link is classified on its own bandwidth, even
 * where parallel links between one pair add up. Classes come in the order of their first link, so the
 * result is the same for the same file.
 */
public final class LinkClasses {
    private LinkClasses() {
    }

    private record Key(Rational bandwidth, boolean duplex, NodeKind fromKind, NodeKind toKind,
                       LinkClass.Span span) {
    }

    /** The classes of a topology whose links all join existing nodes. */
    public static List<LinkClass> of(Topology topology) {
        Map<Key, List<Integer>> members = new LinkedHashMap<>();
        for (int i = 0; i < topology.links().size(); i++) {
            members.computeIfAbsent(key(topology, topology.links().get(i)), k -> new ArrayList<>()).add(i);
        }
        String units = topology.units() == null || topology.units().isBlank() ? "GB/s" : topology.units();
        List<LinkClass> out = new ArrayList<>();
        for (Map.Entry<Key, List<Integer>> e : members.entrySet()) {
            Key k = e.getKey();
            out.add(new LinkClass(out.size(), name(k, e.getValue().size(), units), k.bandwidth(), k.duplex(),
                    k.fromKind(), k.toKind(), k.span(), e.getValue()));
        }
        return out;
    }

    private static Key key(Topology topology, Link l) {
        Node from = topology.node(l.from());
        Node to = topology.node(l.to());
        NodeKind a = from.kind();
        NodeKind b = to.kind();
        if (l.duplex() && a == NodeKind.SWITCH && b == NodeKind.ACCELERATOR) {
            // A duplex link has no direction: s ⇄ a is the same kind of link as a ⇄ s.
            a = NodeKind.ACCELERATOR;
            b = NodeKind.SWITCH;
        }
        return new Key(l.bandwidth(), l.duplex(), a, b, span(from.group(), to.group()));
    }

    private static LinkClass.Span span(String a, String b) {
        if (a == null && b == null) {
            return LinkClass.Span.UNGROUPED;
        }
        return a != null && a.equals(b) ? LinkClass.Span.WITHIN_GROUP : LinkClass.Span.ACROSS_GROUPS;
    }

    /** "accelerator ⇄ switch across groups, 25 GB/s (16 links)". */
    private static String name(Key k, int count, String units) {
        String ends = k.fromKind().jsonName() + (k.duplex() ? " ⇄ " : " → ") + k.toKind().jsonName();
        String span = k.span().words().isEmpty() ? "" : " " + k.span().words();
        return ends + span + ", " + bandwidth(k.bandwidth()) + " " + units + " (" + count + " link"
                + (count == 1 ? "" : "s") + ")";
    }

    /** "25", "12.5", or "100/3" when the decimal does not end: exact, as files write it. */
    private static String bandwidth(Rational r) {
        BigDecimal d = r.toBigDecimalExact();
        return d == null ? r.toString() : d.toPlainString();
    }
}
