package canopy.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.io.InvalidInputException;
import canopy.cli.FailTargets;
import canopy.model.TopologyValidator;
import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.NodeKind;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FailureAnalysisTest {
    /** Names as the command line takes them (FailTargets), then the engine. */
    private static FailureAnalysis.Result analyze(Topology t, List<String> names, boolean schedules)
            throws InvalidInputException {
        return FailureAnalysis.analyze(t, FailTargets.resolve(t, names), schedules);
    }

    @Test
    void removingANicInTwoDgxA100LowersTheBound() throws Exception {
        Topology t = TopologyGenerators.dgxA100(2);
        FailureAnalysis.Result r = analyze(t, List.of("b0g0<->rail0"), false);
        assertTrue(r.valid());
        // 2x DGX A100's bound is 1040/3 (ForestColl's figure); one NIC fewer lowers it.
        assertEquals(Rational.of(1040, 3), r.boundsBefore().allgather().algbw());
        Rational after = r.boundsAfter().allgather().algbw();
        assertTrue(after.compareTo(Rational.of(1040, 3)) < 0, after.toString());
        WhatIf.Change ag = r.change(Collective.ALLGATHER);
        assertEquals(after.subtract(Rational.of(1040, 3)), ag.delta());
        assertEquals(ag.delta().divide(Rational.of(1040, 3)), ag.relative());
        assertTrue(r.change(Collective.ALLREDUCE).delta().signum() < 0);
        assertEquals(List.of(), r.notes());
        // The same from scratch.
        List<Link> links = new ArrayList<>(t.links());
        links.removeIf(l -> l.describe().equals("b0g0<->rail0"));
        assertEquals(Bounds.of(t.withLinks(links)).allgather().algbw(), r.boundsAfter().allgather().algbw());
    }

    @Test
    void removingABridgeCutsAcceleratorsOff() throws Exception {
        // Two pairs of accelerators joined by one duplex link between g1 and g2.
        Rational b = Rational.of(50);
        Topology t = new Topology("bridge", "GB/s",
                List.of(Node.accelerator("g0"), Node.accelerator("g1"), Node.accelerator("g2"), Node.accelerator("g3"),
                        Node.accelerator("g4")),
                List.of(Link.duplex("g0", "g1", b), Link.duplex("g1", "g2", b), Link.duplex("g2", "g3", b),
                        Link.duplex("g3", "g4", b), Link.duplex("g4", "g2", b)));
        FailureAnalysis.Result r = analyze(t, List.of("g1<->g2"), false);
        assertFalse(r.valid());
        assertNull(r.boundsAfter());
        assertNull(r.change(Collective.ALLREDUCE));
        assertEquals(List.of("g0", "g1"), r.cutOff());
        assertEquals("accelerators g0 and g1 are cut off from the other 3 accelerators", r.invalidReason());
        // One accelerator alone.
        FailureAnalysis.Result one = analyze(t, List.of("g0<->g1"), false);
        assertEquals("accelerator g0 is cut off from the other 4 accelerators", one.invalidReason());
    }

    @Test
    void removingAnAcceleratorChangesN() throws Exception {
        Topology t = TopologyGenerators.dgxA100(2);
        FailureAnalysis.Result r = analyze(t, List.of("b1g7"), true);
        assertTrue(r.valid());
        assertEquals(15, r.after().acceleratorCount());
        assertTrue(r.notes().stream().anyMatch(s -> s.startsWith("N changes from 16 to 15")), r.notes().toString());
        assertTrue(r.notes().stream().anyMatch(s -> s.startsWith("2 links went with")), r.notes().toString());
        assertEquals(Bounds.of(r.after()).allgather().algbw(), r.boundsAfter().allgather().algbw());
        assertEquals(2, r.schedules().size());
        for (FailureAnalysis.ScheduleFigures f : r.schedules()) {
            assertTrue(f.optimal(), f.toString());
        }
    }

    @Test
    void removingABoxOrASwitch() throws Exception {
        Topology t = TopologyGenerators.dgxA100(3);
        FailureAnalysis.Result box = analyze(t, List.of("box2"), false);
        assertTrue(box.valid());
        assertEquals(16, box.after().acceleratorCount());
        assertEquals(Bounds.of(TopologyGenerators.dgxA100(2)).allgather().algbw(),
                box.boundsAfter().allgather().algbw());
        // The NVSwitch of box 0: its GPUs still talk over the rails, much slower.
        FailureAnalysis.Result nvs = analyze(t, List.of("nvs0"), false);
        assertTrue(nvs.valid());
        assertTrue(nvs.boundsAfter().allgather().algbw().compareTo(nvs.boundsBefore().allgather().algbw()) < 0);
        // Both rails: every box is on its own.
        FailureAnalysis.Result rails = analyze(t, List.of("rail0", "node:rail1"), false);
        assertFalse(rails.valid());
        assertEquals(16, rails.cutOff().size());
    }

    @Test
    void badNamesAreRefusedWithAHint() {
        Topology t = TopologyGenerators.dgxA100(2);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> analyze(t, List.of("b0g0->rail0"), false));
        assertTrue(e.getMessage().contains("did you mean b0g0<->rail0?"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> analyze(t, List.of("nope"), false));
        assertTrue(e.getMessage().contains("\"nope\""), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> analyze(t, List.of("#999"), false));
        assertTrue(e.getMessage().contains("no link #999"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> analyze(t, List.of("b0g0<->zz"), false));
        assertTrue(e.getMessage().contains("no node \"zz\""), e.getMessage());
    }

    @Test
    void linksByIndexAndReversedDuplexName() throws Exception {
        Topology t = TopologyGenerators.dgxA100(2);
        int i = 0;
        while (!t.links().get(i).describe().equals("b0g0<->rail0")) {
            i++;
        }
        Rational expected = analyze(t, List.of("b0g0<->rail0"), false).boundsAfter().allreduce();
        assertEquals(expected, analyze(t, List.of("#" + i), false).boundsAfter().allreduce());
        assertEquals(expected, analyze(t, List.of("links[" + i + "]"), false).boundsAfter().allreduce());
        assertEquals(expected, analyze(t, List.of("rail0<->b0g0"), false).boundsAfter().allreduce());
    }

    /** Random small topologies: fail each link in turn and compare with enumeration of every cut. */
    @Test
    void randomFailuresMatchBruteForce() throws Exception {
        Random rnd = new Random(11);
        int checked = 0;
        for (int trial = 0; trial < 30; trial++) {
            Topology t = RandomTopologies.random(rnd, 5, 3);
            if (!TopologyValidator.problems(t).isEmpty()) {
                continue;
            }
            for (int i = 0; i < t.links().size(); i++) {
                FailureAnalysis.Result r = analyze(t, List.of("#" + i), false);
                List<Link> links = new ArrayList<>(t.links());
                links.remove(i);
                Topology after = t.withLinks(links);
                assertEquals(TopologyValidator.problems(after).isEmpty(), r.valid());
                if (r.valid()) {
                    NetworkGraph g = NetworkGraph.of(after);
                    assertEquals(RandomTopologies.bruteForceBound(g), r.boundsAfter().allgather().algbw());
                    assertEquals(RandomTopologies.bruteForceBound(g.reversed()),
                            r.boundsAfter().reduceScatter().algbw());
                    checked++;
                } else {
                    assertTrue(r.invalidReason() != null && !r.invalidReason().isBlank());
                }
            }
        }
        assertTrue(checked > 20, "checked " + checked);
    }

    @Test
    void nodeAndGroupOfTheSameNameNeedAPrefix() throws Exception {
        Topology t = new Topology("x", "GB/s",
                List.of(new Node("a", NodeKind.ACCELERATOR, null, null, null, "a"), Node.accelerator("b"),
                        Node.accelerator("c")),
                List.of(Link.duplex("a", "b", Rational.of(1)), Link.duplex("b", "c", Rational.of(1)),
                        Link.duplex("c", "a", Rational.of(1))));
        assertThrows(InvalidInputException.class, () -> analyze(t, List.of("a"), false));
        assertEquals(2, analyze(t, List.of("node:a"), false).after().acceleratorCount());
    }

    @Test
    void typedTargetsNeedNoNamesAndRefuseWhatIsNotThere() {
        Topology t = TopologyGenerators.dgxA100(2);
        int nic = 0;
        while (!t.links().get(nic).describe().equals("b0g0<->rail0")) {
            nic++;
        }
        FailureAnalysis.Result r = FailureAnalysis.analyze(t, List.of(FailureTarget.link(nic)), false);
        assertEquals(List.of(), r.problems());
        assertTrue(r.removed().get(0).startsWith("link b0g0<->rail0 ("), r.removed().toString());
        assertEquals(8, FailureAnalysis.analyze(t, List.of(FailureTarget.group("box0")), false)
                .after().acceleratorCount());
        assertThrows(IllegalArgumentException.class,
                () -> FailureAnalysis.analyze(t, List.of(FailureTarget.node("nope")), false));
        assertThrows(IllegalArgumentException.class,
                () -> FailureAnalysis.analyze(t, List.of(FailureTarget.link(t.links().size())), false));
        assertThrows(IllegalArgumentException.class, () -> FailureAnalysis.analyze(t, List.of(), false));
    }
}
