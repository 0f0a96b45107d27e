package canopy.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** An immutable topology: nodes and links as in formats.md. name and units may be null. */
public final class Topology {
    private final String name;
    private final String units;
    private final List<Node> nodes;
    private final List<Link> links;
    private final Map<String, Node> byId;

    public Topology(String name, String units, List<Node> nodes, List<Link> links) {
        this.name = name;
        this.units = units;
        this.nodes = List.copyOf(nodes);
        this.links = List.copyOf(links);
        Map<String, Node> m = new LinkedHashMap<>();
        for (Node n : this.nodes) {
            m.putIfAbsent(n.id(), n);
        }
        this.byId = Collections.unmodifiableMap(m);
    }

    public String name() {
        return name;
    }

    public String units() {
        return units;
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Link> links() {
        return links;
    }

    /** The node with this id, or null. */
    public Node node(String id) {
        return byId.get(id);
    }

    public List<Node> accelerators() {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.isAccelerator()) {
                out.add(n);
            }
        }
        return out;
    }

    public int acceleratorCount() {
        int c = 0;
        for (Node n : nodes) {
            if (n.isAccelerator()) {
                c++;
            }
        }
        return c;
    }

    public Topology withName(String newName) {
        return new Topology(newName, units, nodes, links);
    }

    public Topology withNodes(List<Node> newNodes) {
        return new Topology(name, units, newNodes, links);
    }

    public Topology withLinks(List<Link> newLinks) {
        return new Topology(name, units, nodes, newLinks);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Topology t && Objects.equals(name, t.name) && Objects.equals(units, t.units)
                && nodes.equals(t.nodes) && links.equals(t.links);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, units, nodes, links);
    }

    @Override
    public String toString() {
        return "Topology[" + name + ", " + nodes.size() + " nodes, " + links.size() + " links]";
    }
}
