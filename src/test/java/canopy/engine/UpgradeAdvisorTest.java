package canopy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.model.TopologyValidator;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The upgrade ranking against bounds recomputed from scratch and against cut enumeration. */
class UpgradeAdvisorTest {

    /** The topology with the candidate's upgraded links raised by t. */
    private static Topology raised(Topology t, UpgradeAdvisor.Candidate c, Rational by) {
        return BruteUpgrade.raised(t, BruteUpgrade.indices(t, c.upgraded()), by);
    }

    private static Rational[] bruteBreakpoint(Topology t, UpgradeAdvisor.Candidate c, boolean reverse) {
        return BruteUpgrade.breakpoint(t, BruteUpgrade.indices(t, c.upgraded()), c.bandwidth(), reverse);
    }

    @Test
    void gainsMatchBoundsRecomputedFromScratchAndByEnumeration() {
        Random rnd = new Random(7);
        int checked = 0;
        for (int trial = 0; trial < 40; trial++) {
            Topology t = RandomTopologies.random(rnd, 5, 3);
            if (!TopologyValidator.problems(t).isEmpty()) {
                continue;
            }
            Rational by = Rational.parse("25/2");
            UpgradeAdvisor.Ranking r = UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(by, 100));
            UpgradeAdvisor.Ranking plain = UpgradeAdvisor.rank(t, new UpgradeAdvisor.Options(by, null, 0, false));
            assertEquals(r.ranked().size(), plain.ranked().size());
            Map<Integer, UpgradeAdvisor.Candidate> byLink = new HashMap<>();
            for (UpgradeAdvisor.Candidate c : plain.ranked()) {
                byLink.put(c.link(), c);
            }
            Rational prevAr = null;
            for (UpgradeAdvisor.Candidate c : r.ranked()) {
                Topology up = raised(t, c, by);
                NetworkGraph g = NetworkGraph.of(up);
                Rational ag = RandomTopologies.bruteForceBound(g);
                Rational rs = RandomTopologies.bruteForceBound(g.reversed());
                assertEquals(ag, c.allgather(), c.name());
                assertEquals(rs, c.reduceScatter(), c.name());
                assertEquals(CutBound.compute(g).algbw(), c.allgather());
                assertEquals(Bounds.combine(ag, rs), c.allreduce());
                assertEquals(ag.subtract(r.before().allgather().algbw()), c.allgatherGain());
                // Skipping by tight cuts changes nothing.
                assertEquals(byLink.get(c.link()).allgather(), c.allgather());
                assertEquals(byLink.get(c.link()).reduceScatter(), c.reduceScatter());
                if (prevAr != null) {
                    assertTrue(prevAr.compareTo(c.allreduceGain()) >= 0, "ranked by allreduce gain");
                }
                prevAr = c.allreduceGain();
                // Balanced: the upgraded topology is still valid.
                assertTrue(TopologyValidator.problems(up).isEmpty(), TopologyValidator.problems(up).toString());

                UpgradeAdvisor.Breakpoint bp = c.breakpoint();
                assertNotNull(bp);
                Rational[] agBp = bruteBreakpoint(t, c, false);
                Rational[] rsBp = bruteBreakpoint(t, c, true);
                assertEquals(agBp[0], bp.allgatherAt(), c.name() + " allgather b*");
                assertEquals(agBp[1], bp.allgatherLimit(), c.name() + " allgather limit");
                assertEquals(rsBp[0], bp.reduceScatterAt(), c.name() + " reduce-scatter b*");
                assertEquals(rsBp[1], bp.reduceScatterLimit(), c.name() + " reduce-scatter limit");
                checked++;
            }
        }
        assertTrue(checked > 50, "checked " + checked);
    }

    /** A one-way ring through a switch: upgrading one hop upgrades the hop out of the switch too. */
    @Test
    void oneWayLinksThroughASwitchAreUpgradedTogether() {
        Rational b = Rational.of(10);
        Topology t = new Topology("ring", "GB/s", List.of(Node.accelerator("a"), Node.accelerator("b"),
                Node.accelerator("c"), Node.switchNode("s")),
                List.of(Link.oneWay("a", "s", b), Link.oneWay("s", "b", b), Link.oneWay("b", "c", b),
                        Link.oneWay("c", "a", b)));
        UpgradeAdvisor.Ranking r = UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(Rational.of(5), 10));
        assertTrue(r.skipped().isEmpty());
        UpgradeAdvisor.Candidate first = null;
        for (UpgradeAdvisor.Candidate c : r.ranked()) {
            if (c.name().equals("a->s")) {
                first = c;
            }
        }
        assertNotNull(first);
        assertEquals(List.of("a->s", "s->b"), first.upgraded());
        // A ring: each hop alone cannot raise the bound (the other hops still bind).
        assertEquals(Rational.ZERO, first.allgatherGain());
        assertEquals(first.bandwidth(), first.breakpoint().allgatherAt());
    }

    /** Two accelerators joined by one duplex link: the bound grows with the link without limit. */
    @Test
    void aLinkInEveryCutHasNoBreakpoint() {
        Topology t = new Topology("pair", "GB/s", List.of(Node.accelerator("a"), Node.accelerator("b")),
                List.of(Link.duplex("a", "b", Rational.of(50))));
        UpgradeAdvisor.Ranking r = UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(Rational.of(25), 10));
        UpgradeAdvisor.Candidate c = r.ranked().get(0);
        assertEquals(Rational.of(150), c.allgather());
        assertEquals(Rational.of(50), c.allgatherGain());
        assertNull(c.breakpoint().allgatherAt());
        assertNull(c.breakpoint().allreduceAt());
    }

    /** Two boxes joined through one spine: the spine links are the bottleneck until the boxes bind. */
    @Test
    void bottleneckMovesAtTheRightBandwidth() {
        List<Node> nodes = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            nodes.add(new Node("sw" + b, canopy.model.NodeKind.SWITCH, null, null, null, "box" + b));
            for (int g = 0; g < 2; g++) {
                String id = "b" + b + "g" + g;
                nodes.add(new Node(id, canopy.model.NodeKind.ACCELERATOR, null, null, null, "box" + b));
                links.add(Link.duplex(id, "sw" + b, Rational.of(100)));
            }
        }
        links.add(Link.duplex("sw0", "sw1", Rational.of(50)));
        Topology t = new Topology("two boxes", "GB/s", nodes, links);
        UpgradeAdvisor.Ranking r = UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(Rational.of(25), 3));
        UpgradeAdvisor.Candidate top = r.ranked().get(0);
        assertEquals("sw0<->sw1", top.name());
        // Box cut: 4 × 50 / 2 = 100. At 75 the box cut gives 150, but three accelerators with both
        // switches send only 100 into the fourth: 4 × 100 / 3 = 400/3 binds first.
        assertEquals(Rational.of(100), r.before().allgather().algbw());
        assertEquals(Rational.of(400, 3), top.allgather());
        // The box cut 4 × b / 2 meets 400/3 at b = 200/3: the bottleneck moves there.
        assertEquals(Rational.of(200, 3), top.breakpoint().allgatherAt());
        assertEquals(Rational.of(400, 3), top.breakpoint().allgatherLimit());
        assertEquals(Rational.of(200, 3), top.breakpoint().allreduceAt());
        assertTrue(top.provedZero().length == 2);
    }

    /** 2x MI250: every single link is proved useless by a tight cut or computed; timing printed only. */
    @Test
    void mi250RankingRuns() {
        Topology t = TopologyGenerators.mi250(2);
        UpgradeAdvisor.Ranking r = UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(Rational.of(25), 10));
        assertEquals(t.links().size(), r.ranked().size());
        UpgradeAdvisor.Ranking plain = UpgradeAdvisor.rank(t, new UpgradeAdvisor.Options(Rational.of(25), null, 10,
                false));
        for (int i = 0; i < r.ranked().size(); i++) {
            assertEquals(plain.ranked().get(i).allreduce(), r.ranked().get(i).allreduce());
        }
        System.out.println("2x MI250 upgrade ranking: " + r.stats() + "; without tight cuts: " + plain.stats());
    }
}
