package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.Bounds;
import canopy.generate.TopologyGenerators;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Link;
import canopy.model.Node;
import canopy.model.Rational;
import canopy.model.Topology;
import canopy.render.HitTester;
import canopy.ui.compare.CompareViewModel;
import canopy.ui.task.CurrentThreadTaskExecutor;
import canopy.ui.whatif.UpgradeAdvisorModel;
import canopy.ui.whatif.WhatIfActions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The designer's what-if and comparison actions, with stub dialogs and no window. */
class WhatIfActionsTest {
    @TempDir
    Path dir;
    private final StubDialogs dialogs = new StubDialogs();
    private final List<CompareViewModel> shown = new ArrayList<>();

    private WhatIfActions actions(Topology t, Collective c) {
        return new WhatIfActions(() -> t, dialogs, new CurrentThreadTaskExecutor(), () -> c, shown::add);
    }

    private static int linkIndex(Topology t, String describe) {
        for (int i = 0; i < t.links().size(); i++) {
            if (t.links().get(i).describe().equals(describe)) {
                return i;
            }
        }
        throw new AssertionError(describe);
    }

    @Test
    void failingANicComparesBeforeAndAfterWithTheNewBound() {
        Topology t = TopologyGenerators.dgxA100(2);
        int nic = linkIndex(t, "b0g0<->rail0");
        var target = WhatIfActions.failTarget(HitTester.Hit.link(nic)).orElseThrow();
        actions(t, Collective.ALLGATHER).whatIfFails(target);
        assertEquals(List.of(), dialogs.errors);
        assertEquals(List.of(), dialogs.infos);
        assertEquals(1, shown.size());
        CompareViewModel vm = shown.get(0);
        assertEquals(List.of("before", "after"), vm.entries().stream().map(e -> e.label()).toList());
        assertEquals(t, vm.entries().get(0).topology());
        assertEquals(t.links().size() - 1, vm.entries().get(1).topology().links().size());
        Rational before = Rational.of(1040, 3);
        Rational after = Bounds.of(vm.entries().get(1).topology()).allgather().algbw();
        assertTrue(after.compareTo(before) < 0);
        assertEquals(before, vm.rows().get(0).metrics().bound());
        assertEquals(after, vm.rows().get(1).metrics().bound());
        assertTrue(vm.header().startsWith("Without link b0g0<->rail0"), vm.header());
        assertTrue(vm.header().contains(": allgather bound 1040/3 ≈ 346.667 → "), vm.header());
        assertTrue(vm.header().contains(WhatIfActions.format(after)), vm.header());
    }

    @Test
    void failingABridgeNamesTheCutOffAccelerators() {
        Rational b = Rational.of(50);
        Topology t = new Topology("bridge", "GB/s",
                List.of(Node.accelerator("g0"), Node.accelerator("g1"), Node.accelerator("g2"), Node.accelerator("g3"),
                        Node.accelerator("g4")),
                List.of(Link.duplex("g0", "g1", b), Link.duplex("g1", "g2", b), Link.duplex("g2", "g3", b),
                        Link.duplex("g3", "g4", b), Link.duplex("g4", "g2", b)));
        actions(t, Collective.ALLREDUCE).whatIfFails(WhatIfActions.failTarget(HitTester.Hit.link(1)).orElseThrow());
        assertEquals(List.of(), shown);
        assertEquals(List.of(), dialogs.errors);
        assertEquals(1, dialogs.infos.size());
        String info = dialogs.infos.get(0);
        assertTrue(info.contains("accelerators g0 and g1 are cut off from the other 3 accelerators"), info);
    }

    @Test
    void failingANodeAndAFasterLink() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        WhatIfActions a = actions(t, Collective.ALLREDUCE);
        a.whatIfFails(WhatIfActions.failTarget(HitTester.Hit.node("box0-gpu0")).orElseThrow());
        assertEquals(List.of(), dialogs.errors);
        assertEquals(1, shown.size());
        assertTrue(shown.get(0).header().contains("N changes from 8 to 7"), shown.get(0).header());

        a.whatIfFaster(1, WhatIfActions.FASTER_BY);
        assertEquals(List.of(), dialogs.errors);
        CompareViewModel faster = shown.get(1);
        Link l = t.links().get(1);
        assertEquals(l.bandwidth().add(Rational.of(25)), faster.entries().get(1).topology().links().get(1).bandwidth());
        assertTrue(faster.header().contains("instead of 50 GB/s: allreduce bound "), faster.header());
    }

    @Test
    void compareAlgorithmsAndOpenAComparison() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        WhatIfActions a = actions(t, Collective.ALLREDUCE);
        a.compareAlgorithms(Collective.ALLREDUCE, List.of("forest", "ring", "double-binary-tree"));
        assertEquals(List.of(), dialogs.errors);
        assertEquals(3, shown.get(0).rows().size());
        Path f = dir.resolve("x.comparison.json");
        shown.get(0).save(f);
        dialogs.toOpen.add(f);
        a.chooseComparison(dir);
        assertEquals(2, shown.size());
        assertEquals(shown.get(0).entries(), shown.get(1).entries());

        java.nio.file.Files.writeString(dir.resolve("bad.json"), "{\"format\": \"nope\"}");
        a.openComparison(dir.resolve("bad.json"));
        assertEquals(1, dialogs.errors.size());
        assertTrue(dialogs.errors.get(0).startsWith("Could not open bad.json: "), dialogs.errors.get(0));
        assertTrue(dialogs.errors.get(0).contains("not a comparison"), dialogs.errors.get(0));
    }

    @Test
    void upgradeAdvisorRows() throws Exception {
        Topology t = TopologyGenerators.dgxA100(2);
        List<UpgradeAdvisorModel.Row> rows = UpgradeAdvisorModel.rank(t, Rational.of(25), canopy.engine.Progress.NONE);
        assertTrue(!rows.isEmpty());
        assertEquals(1, rows.get(0).rank());
        assertTrue(rows.size() <= t.links().size());
        assertTrue(rows.get(0).allreduceGain().startsWith("+") || rows.get(0).allreduceGain().equals("0"));
        assertEquals(Rational.of(12, 1), UpgradeAdvisorModel.parseBy(" 12 "));
    }
}
