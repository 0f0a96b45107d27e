package canopy.ui.panels;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.ui.document.DesignDocument;
import canopy.ui.document.TopologyEdits;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The property sheet's behaviour: each change of a node's or link's field is one undoable document
 * edit; input that does not make sense is refused with a message and changes nothing. Every method
 * returns that message, or empty when the edit was made (or there was nothing to change).
 */
public final class PropertiesViewModel {
    private final DesignDocument document;

    public PropertiesViewModel(DesignDocument document) {
        this.document = document;
    }

    private Optional<Node> node(String id) {
        return Optional.ofNullable(document.topology().node(id));
    }

    private Optional<Link> link(int index) {
        List<Link> links = document.topology().links();
        return index >= 0 && index < links.size() ? Optional.of(links.get(index)) : Optional.empty();
    }

    public Optional<String> setNodeId(String id, String newId) {
        Node n = node(id).orElse(null);
        if (n == null) {
            return Optional.of("node " + id + " no longer exists");
        }
        String v = newId == null ? "" : newId.trim();
        if (v.isEmpty()) {
            return Optional.of("Id: a node needs an id");
        }
        if (v.equals(id)) {
            return Optional.empty();
        }
        if (document.topology().node(v) != null) {
            return Optional.of("Id: another node is called " + v);
        }
        Node renamed = new Node(v, n.kind(), n.label(), n.x(), n.y(), n.group());
        // renaming keeps the links where they are, so the selected ones stay at these positions
        List<Integer> links = document.selection().linkIndices(document.topology());
        document.edit("Rename " + id + " to " + v, t -> TopologyEdits.replaceNode(t, id, renamed), List.of(v), links);
        return Optional.empty();
    }

    public Optional<String> setNodeLabel(String id, String label) {
        return editNode(id, "Set label of " + id, n -> n.withLabel(blankToNull(label)));
    }

    public Optional<String> setNodeGroup(String id, String group) {
        return editNode(id, "Set group of " + id, n -> n.withGroup(blankToNull(group)));
    }

    public Optional<String> setNodeKind(String id, NodeKind kind) {
        if (kind == null) {
            return Optional.of("Kind: choose accelerator or switch");
        }
        return editNode(id, "Make " + id + " " + (kind == NodeKind.SWITCH ? "a switch" : "an accelerator"),
                n -> new Node(n.id(), kind, n.label(), n.x(), n.y(), n.group()));
    }

    private Optional<String> editNode(String id, String description, java.util.function.UnaryOperator<Node> change) {
        Node n = node(id).orElse(null);
        if (n == null) {
            return Optional.of("node " + id + " no longer exists");
        }
        Node after = change.apply(n);
        if (!after.equals(n)) {
            document.edit(description, t -> TopologyEdits.replaceNode(t, id, after));
        }
        return Optional.empty();
    }

    /**
     * Bandwidth as exact text in the topology's units ("300", "12.5", "100/3") or with a unit, converted
     * exactly ("200Gb/s" is 25 GB/s); a refusal says why.
     */
    public Optional<String> setLinkBandwidth(int index, String text) {
        Rational b;
        try {
            b = canopy.model.BandwidthUnits.parse(text, document.topology().units());
        } catch (canopy.model.BandwidthUnits.Refused e) {
            return Optional.of("Bandwidth: " + e.getMessage());
        }
        return editLink(index, l -> "Set bandwidth of " + l.describe() + " to " + b, l -> l.withBandwidth(b));
    }

    public Optional<String> setLinkDuplex(int index, boolean duplex) {
        return editLink(index, l -> (duplex ? "Make " : "Make one-way ") + l.describe() + (duplex ? " duplex" : ""),
                l -> l.withDuplex(duplex));
    }

    /** Latency in microseconds; empty text removes it. */
    public Optional<String> setLinkLatency(int index, String text) {
        TypedLatency typed = TypedLatency.of(text);
        if (typed.refusal() != null) {
            return Optional.of(typed.refusal());
        }
        return editLink(index, l -> "Set latency of " + l.describe(), l -> l.withLatency(typed.value()));
    }

    /** A latency field's text read: microseconds (null for empty text, which removes it), or why not. */
    private record TypedLatency(Double value, String refusal) {
        static TypedLatency of(String text) {
            String v = text == null ? "" : text.trim();
            if (v.isEmpty()) {
                return new TypedLatency(null, null);
            }
            double latency;
            try {
                latency = Double.parseDouble(v);
            } catch (NumberFormatException e) {
                return new TypedLatency(null, "Latency: not a number: \"" + v + "\"");
            }
            if (!Double.isFinite(latency) || latency < 0) {
                return new TypedLatency(null, "Latency: must be zero or more microseconds, not " + v);
            }
            return new TypedLatency(latency, null);
        }
    }

    private Optional<String> editLink(int index, java.util.function.Function<Link, String> description,
                                      java.util.function.UnaryOperator<Link> change) {
        Link l = link(index).orElse(null);
        if (l == null) {
            return Optional.of("link " + index + " no longer exists");
        }
        Link after = change.apply(l);
        if (!after.equals(l)) {
            document.edit(description.apply(l), t -> TopologyEdits.replaceLink(t, index, after));
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ every selected element at once

    /** Sets the bandwidth of every one of these links, as one undoable edit (text as for one link). */
    public Optional<String> setLinksBandwidth(List<Integer> indices, String text) {
        Rational b;
        try {
            b = canopy.model.BandwidthUnits.parse(text, document.topology().units());
        } catch (canopy.model.BandwidthUnits.Refused e) {
            return Optional.of("Bandwidth: " + e.getMessage());
        }
        return editLinks(indices, "Set bandwidth of " + indices.size() + " links to " + b, l -> l.withBandwidth(b));
    }

    public Optional<String> setLinksDuplex(List<Integer> indices, boolean duplex) {
        return editLinks(indices, (duplex ? "Make " : "Make one-way ") + indices.size() + " links" + (duplex ? " duplex" : ""),
                l -> l.withDuplex(duplex));
    }

    public Optional<String> setLinksLatency(List<Integer> indices, String text) {
        TypedLatency typed = TypedLatency.of(text);
        if (typed.refusal() != null) {
            return Optional.of(typed.refusal());
        }
        return editLinks(indices, "Set latency of " + indices.size() + " links", l -> l.withLatency(typed.value()));
    }

    public Optional<String> setNodesGroup(List<String> ids, String group) {
        String g = blankToNull(group);
        return editNodes(ids, g == null ? "Ungroup " + ids.size() + " nodes" : "Put " + ids.size() + " nodes in " + g,
                n -> n.withGroup(g));
    }

    public Optional<String> setNodesKind(List<String> ids, NodeKind kind) {
        if (kind == null) {
            return Optional.of("Kind: choose accelerator or switch");
        }
        return editNodes(ids, "Make " + ids.size() + " nodes " + (kind == NodeKind.SWITCH ? "switches" : "accelerators"),
                n -> new Node(n.id(), kind, n.label(), n.x(), n.y(), n.group()));
    }

    private Optional<String> editLinks(List<Integer> indices, String description,
                                       java.util.function.UnaryOperator<Link> change) {
        Topology t = document.topology();
        for (int i : indices) {
            if (i < 0 || i >= t.links().size()) {
                return Optional.of("link " + i + " no longer exists");
            }
        }
        Topology after = t;
        for (int i : indices) {
            after = TopologyEdits.replaceLink(after, i, change.apply(after.links().get(i)));
        }
        if (!after.equals(t)) {
            Topology done = after;
            document.edit(description, x -> done);
        }
        return Optional.empty();
    }

    private Optional<String> editNodes(List<String> ids, String description,
                                       java.util.function.UnaryOperator<Node> change) {
        Topology t = document.topology();
        Topology after = t;
        for (String id : ids) {
            Node n = after.node(id);
            if (n == null) {
                return Optional.of("node " + id + " no longer exists");
            }
            after = TopologyEdits.replaceNode(after, id, change.apply(n));
        }
        if (!after.equals(t)) {
            Topology done = after;
            document.edit(description, x -> done);
        }
        return Optional.empty();
    }

    public Optional<String> setTopologyName(String name) {
        String v = blankToNull(name);
        Topology t = document.topology();
        if (!Objects.equals(v, t.name())) {
            document.edit("Rename topology", x -> x.withName(v));
        }
        return Optional.empty();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
