package canopy.render;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.List;

final class RenderTestData {
    private RenderTestData() {
    }

    static Node acc(String id, double x, double y) {
        return new Node(id, NodeKind.ACCELERATOR, null, x, y, null);
    }

    static Node sw(String id, double x, double y) {
        return new Node(id, NodeKind.SWITCH, null, x, y, null);
    }

    /**
     * a (0,0) ⇄ b (200,0) duplex 300; b → d and d → b one-way 100 (d at 400,0); switch c (100,150)
     * joined to a and b at 25.
     */
    static Topology small() {
        return new Topology("small", "GB/s",
                List.of(acc("a", 0, 0), acc("b", 200, 0), sw("c", 100, 150), acc("d", 400, 0)),
                List.of(Link.duplex("a", "b", Rational.of(300)),
                        Link.oneWay("b", "d", Rational.of(100)),
                        Link.oneWay("d", "b", Rational.of(100)),
                        Link.duplex("a", "c", Rational.of(25)),
                        Link.duplex("c", "b", Rational.of(25))));
    }

    /** Two groups of two with a link between them and links inside. */
    static Topology grouped() {
        return new Topology("grouped", "GB/s",
                List.of(new Node("a0", NodeKind.ACCELERATOR, null, 0.0, 0.0, "A"),
                        new Node("a1", NodeKind.ACCELERATOR, null, 60.0, 0.0, "A"),
                        new Node("b0", NodeKind.ACCELERATOR, null, 300.0, 0.0, "B"),
                        new Node("b1", NodeKind.ACCELERATOR, null, 360.0, 0.0, "B")),
                List.of(Link.duplex("a0", "a1", Rational.of(300)),
                        Link.duplex("b0", "b1", Rational.of(300)),
                        Link.duplex("a1", "b0", Rational.of(50)),
                        Link.duplex("a0", "b1", Rational.of(25))));
    }
}
