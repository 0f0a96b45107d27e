package canopy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.model.TopologyValidator;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Class upgrades against bounds recomputed from scratch and against cut enumeration. */
class LinkClassAdvisorTest {
    private static final Rational BY = Rational.of(25);

    private static Rational allgather(Topology t) {
        return CutBound.compute(NetworkGraph.of(t)).algbw();
    }

    /** Every link the class upgrade raises: the class, then the links that keep switches balanced. */
    private static List<Integer> upgraded(Topology t, LinkClassAdvisor.ClassCandidate c) {
        List<Integer> links = new ArrayList<>(c.linkClass().links());
        links.addAll(BruteUpgrade.indices(t, c.alsoUpgraded()));
        return links;
    }

    private static LinkClassAdvisor.ClassCandidate named(LinkClassAdvisor.ClassRanking r, String name) {
        for (LinkClassAdvisor.ClassCandidate c : r.ranked()) {
            if (c.linkClass().name().equals(name)) {
                return c;
            }
        }
        throw new AssertionError("no class " + name + " in " + r.ranked());
    }

    @Test
    void dgxA100NicClassRaisesAllgatherWhereNoSingleLinkDoes() {
        Topology t = TopologyGenerators.dgxA100(2);
        UpgradeAdvisor.Ranking single = UpgradeAdvisor.rank(t, UpgradeAdvisor.Options.by(BY, 0));
        assertEquals(Rational.of(1040, 3), single.before().allgather().algbw());
        for (UpgradeAdvisor.Candidate c : single.ranked()) {
            assertEquals(Rational.ZERO, c.allgatherGain(), c.name());
            assertEquals(Rational.ZERO, c.allreduceGain(), c.name());
        }

        LinkClassAdvisor.ClassRanking r = LinkClassAdvisor.rank(t, UpgradeAdvisor.Options.by(BY, 10));
        assertEquals(List.of("accelerator ⇄ switch within a group, 300 GB/s (16 links)",
                "accelerator ⇄ switch across groups, 25 GB/s (16 links)"),
                r.classes().stream().map(LinkClass::name).toList());
        LinkClassAdvisor.ClassCandidate nic = named(r, "accelerator ⇄ switch across groups, 25 GB/s (16 links)");
        for (int j : nic.linkClass().links()) {
            assertTrue(t.links().get(j).to().startsWith("rail"), t.links().get(j).describe());
        }
        // Independently: the raised topology's bound from CutBound. By hand: 15 GPUs send to the 16th
        // over its NVSwitch link and its NIC, 300 + 50: 16 × 350 / 15 = 1120/3.
        Topology up = BruteUpgrade.raised(t, nic.linkClass().links(), BY);
        assertEquals(Rational.of(1120, 3), allgather(up));
        assertEquals(Rational.of(1120, 3), nic.allgather());
        assertEquals(Rational.of(80, 3), nic.allgatherGain());
        assertEquals(Bounds.combine(nic.allgather(), nic.reduceScatter()), nic.allreduce());
        assertTrue(nic.alsoUpgraded().isEmpty());
        // The single-GPU cut keeps binding until 16 (300 + b) / 15 reaches the best cut no NIC leaves:
        // a rail with its 8 GPUs sends 8 × 300 over NVSwitch links, 16 × 2400 / 8 = 4800, at b = 4200.
        assertEquals(Rational.of(4200), nic.breakpoint().allgatherAt());
        assertEquals(Rational.of(4800), nic.breakpoint().allgatherLimit());
        assertEquals(Rational.of(4200), nic.breakpoint().allreduceAt());
        Rational[] brute = BruteUpgrade.breakpoint(t, nic.linkClass().links(), nic.bandwidth(), false);
        assertEquals(brute[0], nic.breakpoint().allgatherAt());
    }

    @Test
    void classesFollowBandwidthDirectionEndsAndGroups() {
        Rational b = Rational.of(10);
        List<Node> nodes = List.of(new Node("a", NodeKind.ACCELERATOR, null, null, null, "box0"),
                new Node("b", NodeKind.ACCELERATOR, null, null, null, "box0"),
                new Node("c", NodeKind.ACCELERATOR, null, null, null, "box1"),
                new Node("s", NodeKind.SWITCH, null, null, null, "box0"),
                Node.switchNode("t"), Node.switchNode("u"));
        List<Link> links = List.of(Link.duplex("a", "s", b), Link.duplex("s", "b", b), Link.duplex("c", "s", b),
                Link.oneWay("a", "b", b), Link.oneWay("b", "a", b), Link.duplex("t", "u", b),
                Link.duplex("a", "s", Rational.parse("12.5")), Link.oneWay("c", "t", Rational.of(100, 3)));
        Topology t = new Topology("mixed", "GB/s", nodes, links);
        List<LinkClass> classes = LinkClasses.of(t);
        assertEquals(List.of("accelerator ⇄ switch within a group, 10 GB/s (2 links)",
                "accelerator ⇄ switch across groups, 10 GB/s (1 link)",
                "accelerator → accelerator within a group, 10 GB/s (2 links)",
                "switch ⇄ switch, 10 GB/s (1 link)",
                "accelerator ⇄ switch within a group, 12.5 GB/s (1 link)",
                "accelerator → switch across groups, 100/3 GB/s (1 link)"),
                classes.stream().map(LinkClass::name).toList());
        assertEquals(List.of(0, 1), classes.get(0).links());
        assertEquals(List.of(3, 4), classes.get(2).links());
        assertEquals(LinkClass.Span.UNGROUPED, classes.get(3).span());
        assertEquals(classes, LinkClasses.of(t), "deterministic");
    }

    /** A one-way class into a switch is completed by the switch's only link out, or skipped with the reason. */
    @Test
    void oneWayClassesKeepSwitchesBalanced() {
        Rational b = Rational.of(10);
        Topology ring = new Topology("ring", "GB/s", List.of(Node.accelerator("a"), Node.accelerator("b"),
                Node.accelerator("c"), Node.switchNode("s")),
                List.of(Link.oneWay("a", "s", b), Link.oneWay("s", "b", b), Link.oneWay("b", "c", b),
                        Link.oneWay("c", "a", b)));
        LinkClassAdvisor.ClassRanking r = LinkClassAdvisor.rank(ring, UpgradeAdvisor.Options.by(Rational.of(5), 10));
        assertTrue(r.skipped().isEmpty());
        LinkClassAdvisor.ClassCandidate in = named(r, "accelerator → switch, 10 GB/s (1 link)");
        assertEquals(List.of("s->b"), in.alsoUpgraded());
        // Raising every accelerator → accelerator hop still leaves the a -> s -> b hop at 10.
        assertEquals(Rational.ZERO, named(r, "accelerator → accelerator, 10 GB/s (2 links)").allgatherGain());

        Topology star = new Topology("star", "GB/s", List.of(Node.accelerator("a"), Node.accelerator("b"),
                Node.switchNode("s")), List.of(Link.oneWay("a", "s", b), Link.oneWay("b", "s", b),
                Link.oneWay("s", "a", Rational.of(7)), Link.oneWay("s", "b", Rational.of(13))));
        r = LinkClassAdvisor.rank(star, UpgradeAdvisor.Options.by(Rational.of(5), 10));
        // s's two links out have different bandwidths: three classes, each would need a choice at s.
        assertEquals(3, r.skipped().size());
        assertEquals("accelerator → switch, 10 GB/s (2 links)", r.skipped().get(0).linkClass().name());
        assertEquals("a one-way upgrade would unbalance switch s (more in than out); it has 2 other one-way links "
                + "out of it (s->a, s->b): upgrade one of them too", r.skipped().get(0).reason());
        assertTrue(r.ranked().isEmpty());
    }

    /** Random topologies whose bandwidths are snapped to three values and whose nodes get groups. */
    private static Topology randomWithClasses(Random rnd) {
        Topology t = RandomTopologies.random(rnd, 5, 3);
        Rational[] snap = {Rational.of(25), Rational.of(50), Rational.parse("100/3")};
        // Snapping by the old value keeps every one-way cycle (one bandwidth) balanced.
        Map<Rational, Rational> to = new HashMap<>();
        List<Link> links = new ArrayList<>();
        for (Link l : t.links()) {
            links.add(l.withBandwidth(to.computeIfAbsent(l.bandwidth(), k -> snap[rnd.nextInt(snap.length)])));
        }
        String[] groups = {"box0", "box1", null};
        List<Node> nodes = new ArrayList<>();
        for (Node n : t.nodes()) {
            nodes.add(n.withGroup(groups[rnd.nextInt(groups.length)]));
        }
        return t.withNodes(nodes).withLinks(links);
    }

    @Test
    void gainsAndBreakpointsMatchEnumeration() {
        Random rnd = new Random(11);
        Rational by = Rational.parse("25/2");
        int checked = 0;
        int withBreakpointInside = 0;
        for (int trial = 0; trial < 60; trial++) {
            Topology t = randomWithClasses(rnd);
            if (!TopologyValidator.problems(t).isEmpty()) {
                continue;
            }
            LinkClassAdvisor.ClassRanking r = LinkClassAdvisor.rank(t, UpgradeAdvisor.Options.by(by, 100));
            LinkClassAdvisor.ClassRanking plain = LinkClassAdvisor.rank(t, new UpgradeAdvisor.Options(by, null, 0,
                    false));
            assertEquals(r.ranked().size() + r.skipped().size(), r.classes().size());
            assertEquals(t.links().size(), r.classes().stream().mapToInt(c -> c.links().size()).sum());
            for (int i = 0; i < r.ranked().size(); i++) {
                LinkClassAdvisor.ClassCandidate c = r.ranked().get(i);
                List<Integer> links = upgraded(t, c);
                Topology up = BruteUpgrade.raised(t, links, by);
                assertTrue(TopologyValidator.problems(up).isEmpty(), TopologyValidator.problems(up).toString());
                NetworkGraph g = NetworkGraph.of(up);
                assertEquals(RandomTopologies.bruteForceBound(g), c.allgather(), c.linkClass().name());
                assertEquals(RandomTopologies.bruteForceBound(g.reversed()), c.reduceScatter(), c.linkClass().name());
                assertEquals(c.allgather(), plain.ranked().get(i).allgather(), "tight-cut proofs change nothing");
                assertEquals(c.reduceScatter(), plain.ranked().get(i).reduceScatter());
                if (i > 0) {
                    assertTrue(r.ranked().get(i - 1).allreduceGain().compareTo(c.allreduceGain()) >= 0);
                }
                UpgradeAdvisor.Breakpoint bp = c.breakpoint();
                assertNotNull(bp);
                for (int d = 0; d < 2; d++) {
                    Rational[] brute = BruteUpgrade.breakpoint(t, links, c.bandwidth(), d == 1);
                    Rational at = d == 0 ? bp.allgatherAt() : bp.reduceScatterAt();
                    Rational limit = d == 0 ? bp.allgatherLimit() : bp.reduceScatterLimit();
                    assertEquals(brute[0], at, c.linkClass().name() + " b*");
                    assertEquals(brute[1], limit, c.linkClass().name() + " limit");
                    if (at != null && checkAround(t, links, c.bandwidth(), at, limit, d == 1)) {
                        withBreakpointInside++;
                    }
                }
                checked++;
            }
        }
        assertTrue(checked > 40, "checked " + checked);
        assertTrue(withBreakpointInside > 5, "breakpoints above the current bandwidth: " + withBreakpointInside);
    }

    /**
     * The bound at b*, just below and just above it, on the raised topology: limit, below limit, limit.
     * Returns whether b* is above the current bandwidth (else there is no "below" to check).
     */
    private static boolean checkAround(Topology t, List<Integer> links, Rational bandwidth, Rational at,
                                       Rational limit, boolean reverse) {
        Rational tStar = at.subtract(bandwidth);
        Rational eps = Rational.of(1, 1000);
        assertEquals(limit, bound(t, links, tStar, reverse), "at b*");
        assertEquals(limit, bound(t, links, tStar.add(eps), reverse), "above b*");
        if (tStar.signum() == 0) {
            return false;
        }
        Rational below = tStar.subtract(eps.min(tStar.divide(2)));
        assertTrue(bound(t, links, below, reverse).compareTo(limit) < 0, "below b*");
        return true;
    }

    private static Rational bound(Topology t, List<Integer> links, Rational by, boolean reverse) {
        NetworkGraph g = NetworkGraph.of(BruteUpgrade.raised(t, links, by));
        return CutBound.compute(reverse ? g.reversed() : g).algbw();
    }

    @Test
    void factorScalesTheClassBandwidth() {
        Topology t = TopologyGenerators.dgxA100(2);
        LinkClassAdvisor.ClassRanking r = LinkClassAdvisor.rank(t, UpgradeAdvisor.Options.factor(Rational.of(2), 0));
        LinkClassAdvisor.ClassCandidate nic = named(r, "accelerator ⇄ switch across groups, 25 GB/s (16 links)");
        assertEquals(Rational.of(25), nic.added());
        assertEquals(Rational.of(1120, 3), nic.allgather());
        assertNull(nic.breakpoint());
        LinkClassAdvisor.ClassCandidate nvs = named(r, "accelerator ⇄ switch within a group, 300 GB/s (16 links)");
        assertEquals(Rational.of(300), nvs.added());
    }

    /** 2x MI250: every class ranked with breakpoints; timing printed only. */
    @Test
    void mi250ClassRanking() {
        Topology t = TopologyGenerators.mi250(2);
        LinkClassAdvisor.ClassRanking r = LinkClassAdvisor.rank(t, UpgradeAdvisor.Options.by(BY, 10));
        assertEquals(4, r.classes().size());
        LinkClassAdvisor.ClassCandidate top = r.ranked().get(0);
        assertEquals("accelerator ⇄ switch across groups, 25 GB/s (32 links)", top.linkClass().name());
        Topology up = BruteUpgrade.raised(t, top.linkClass().links(), BY);
        assertEquals(allgather(up), top.allgather());
        assertTrue(top.allgatherGain().signum() > 0);
        System.out.println("2x MI250 class ranking: " + r.stats());
    }
}
