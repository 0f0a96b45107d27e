package canopy.ui.document;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TopologyEditsTest {
    static final Rational BW = Rational.of(10);
    final Topology t = new Topology("t", "GB/s",
            List.of(new Node("gpu0", NodeKind.ACCELERATOR, "G0", 0.0, 0.0, "box"), Node.accelerator("gpu1"),
                    Node.switchNode("sw0"), Node.accelerator("gpu3")),
            List.of(Link.duplex("gpu0", "sw0", BW), Link.duplex("gpu1", "sw0", BW), Link.oneWay("gpu3", "gpu0", BW),
                    new Link("sw0", "gpu3", Rational.of(3), true, 1.5)));

    @Test
    void freshIdsTakeTheSmallestFreeNumber() {
        assertEquals("gpu2", TopologyEdits.freshId(t, "gpu"));
        assertEquals("sw1", TopologyEdits.freshId(t, "sw"));
        assertEquals("x0", TopologyEdits.freshId(t, "x"));
    }

    @Test
    void addNodeRefusesATakenId() {
        assertEquals(5, TopologyEdits.addNode(t, Node.accelerator("gpu2")).nodes().size());
        assertThrows(IllegalArgumentException.class, () -> TopologyEdits.addNode(t, Node.accelerator("gpu1")));
    }

    @Test
    void removeDropsIncidentLinksAndChosenLinks() {
        Topology r = TopologyEdits.remove(t, List.of("sw0"), List.of(2));
        assertEquals(List.of("gpu0", "gpu1", "gpu3"), r.nodes().stream().map(Node::id).toList());
        assertEquals(List.of(), r.links());
        Topology onlyLink = TopologyEdits.remove(t, List.of(), List.of(0));
        assertEquals(t.links().subList(1, 4), onlyLink.links());
        assertEquals(t.name(), r.name());
        assertEquals(t.units(), r.units());
    }

    @Test
    void moveShiftsAndStartsUnplacedNodesAtTheOrigin() {
        Topology m = TopologyEdits.move(t, List.of("gpu0", "gpu1"), 5, -2);
        assertEquals(5.0, m.node("gpu0").x());
        assertEquals(-2.0, m.node("gpu0").y());
        assertEquals(5.0, m.node("gpu1").x());
        assertNull(m.node("sw0").x());
        assertEquals("G0", m.node("gpu0").label());
        assertEquals("box", m.node("gpu0").group());
        assertEquals(t.links(), m.links());
    }

    @Test
    void placeSetsOnlyTheNamedNodes() {
        Topology p = TopologyEdits.place(t, Map.of("sw0", new double[] {7, 8}, "ghost", new double[] {1, 1}));
        assertEquals(7.0, p.node("sw0").x());
        assertEquals(8.0, p.node("sw0").y());
        assertEquals(0.0, p.node("gpu0").x());
        assertNull(p.node("gpu1").x());
        assertEquals(4, p.nodes().size());
    }

    @Test
    void replaceNodeRenamesItsLinksAndRefusesATakenId() {
        Topology r = TopologyEdits.replaceNode(t, "gpu0", t.node("gpu0").withLabel("first").withPosition(1, 1));
        assertEquals("first", r.node("gpu0").label());
        assertEquals(t.links(), r.links());
        Node renamed = new Node("lead", NodeKind.ACCELERATOR, "G0", 0.0, 0.0, "box");
        r = TopologyEdits.replaceNode(t, "gpu0", renamed);
        assertNull(r.node("gpu0"));
        assertEquals(renamed, r.nodes().get(0));
        assertEquals(Link.duplex("lead", "sw0", BW), r.links().get(0));
        assertEquals(Link.oneWay("gpu3", "lead", BW), r.links().get(2));
        assertEquals(t.links().get(1), r.links().get(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopologyEdits.replaceNode(t, "gpu0", Node.accelerator("gpu1")));
        assertEquals("node gpu1 exists already", e.getMessage());
        // a kind change keeps the links
        Topology k = TopologyEdits.replaceNode(t, "gpu1", Node.switchNode("gpu1"));
        assertEquals(NodeKind.SWITCH, k.node("gpu1").kind());
        assertEquals(t.links(), k.links());
    }

    @Test
    void replaceLinkChangesOneLink() {
        Link wide = Link.duplex("gpu1", "sw0", Rational.of(99));
        Topology r = TopologyEdits.replaceLink(t, 1, wide);
        assertEquals(wide, r.links().get(1));
        assertEquals(t.links().get(0), r.links().get(0));
        assertEquals(4, r.links().size());
        assertThrows(IndexOutOfBoundsException.class, () -> TopologyEdits.replaceLink(t, 4, wide));
    }

    @Test
    void pasteRenamesClashesKeepsInternalLinksAndReportsWhatItAdded() {
        List<Node> clip = List.of(t.node("gpu0"), t.node("sw0"), Node.accelerator("new"));
        TopologyEdits.Added a = TopologyEdits.paste(t, clip, t.links(), 10, 20);
        assertEquals(List.of("gpu4", "sw1", "new"), a.nodeIds());
        Topology r = a.topology();
        assertEquals(7, r.nodes().size());
        Node copy = r.node("gpu4");
        assertEquals(10.0, copy.x());
        assertEquals(20.0, copy.y());
        assertEquals("G0", copy.label());
        assertEquals("box", copy.group());
        assertEquals(10.0, r.node("new").x(), "unplaced nodes start from the origin");
        // only gpu0<->sw0 has both ends copied
        assertEquals(List.of(4), a.linkIndices());
        assertEquals(Link.duplex("gpu4", "sw1", BW), r.links().get(4));
        assertEquals(t.links(), r.links().subList(0, 4));
        // pasting again picks the next free ids after the highest in use
        TopologyEdits.Added again = TopologyEdits.paste(r, List.of(t.node("gpu0"), t.node("gpu1")), List.of(), 0, 0);
        assertEquals(List.of("gpu5", "gpu6"), again.nodeIds());
        Topology named = TopologyEdits.addNode(t, Node.accelerator("spine"));
        assertEquals(List.of("spine1"), TopologyEdits.paste(named, List.of(Node.accelerator("spine")), List.of(), 0, 0)
                .nodeIds());
        assertEquals(List.of(), again.linkIndices());
    }

    @Test
    void pasteIntoAnEmptyTopologyKeepsIdsAndLatency() {
        Topology empty = new Topology("e", null, List.of(), List.of());
        TopologyEdits.Added a = TopologyEdits.paste(empty, List.of(t.node("sw0"), t.node("gpu3")), t.links(), 0, 0);
        assertEquals(List.of("sw0", "gpu3"), a.nodeIds());
        assertEquals(List.of(0), a.linkIndices());
        assertEquals(t.links().get(3), a.topology().links().get(0));
    }
}
