package canopy.io;

import canopy.model.TopologyValidator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Switch balance summed by common scale: exact, and fast with thousands of distinct denominators. */
class BalanceSumTest {

    @Test
    void sumByCommonScaleEqualsPairwiseSum() {
        Random rnd = new Random(3);
        for (int i = 0; i < 200; i++) {
            List<Rational> values = new ArrayList<>();
            Rational pairwise = Rational.ZERO;
            for (int j = rnd.nextInt(12); j > 0; j--) {
                Rational r = Rational.of(new BigInteger(1 + rnd.nextInt(100), rnd).add(BigInteger.ONE),
                        new BigInteger(1 + rnd.nextInt(100), rnd).add(BigInteger.ONE));
                if (rnd.nextInt(4) == 0 && !values.isEmpty()) {
                    r = values.get(0);
                }
                values.add(r);
                pairwise = pairwise.add(r);
            }
            assertEquals(pairwise, Rational.sum(values));
        }
    }

    /** 700 links with distinct 30-digit denominators on one switch: 60 s before, a second or two now. */
    @Test
    void thousandsOfDistinctDenominatorsValidateFast() {
        Random rnd = new Random(5);
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        nodes.add(new Node("big", NodeKind.SWITCH, null, null, null, null));
        for (int i = 0; i < 700; i++) {
            nodes.add(new Node("a" + i, NodeKind.ACCELERATOR, null, null, null, null));
            Rational bw = Rational.of(new BigInteger(99, rnd).add(BigInteger.ONE), new BigInteger(99, rnd).add(BigInteger.ONE));
            links.add(Link.duplex("a" + i, "big", bw));
        }
        long t0 = System.nanoTime();
        assertTrue(TopologyValidator.problems(new Topology("many", null, nodes, links)).isEmpty());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 10, seconds + " s");
        // One one-way link more into the switch: unbalanced, and the message still names both totals.
        links.add(Link.oneWay("a0", "big", Rational.parse("1/3")));
        List<TopologyValidator.Problem> p = TopologyValidator.problems(new Topology("many", null, nodes, links));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).message().startsWith("switch big: incoming bandwidth about "), p.get(0).message());
        assertTrue(p.get(0).message().contains(" differs from outgoing about "), p.get(0).message());
    }
}
