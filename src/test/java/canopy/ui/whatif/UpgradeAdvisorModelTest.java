package canopy.ui.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.Progress;
import canopy.generate.TopologyGenerators;
import canopy.model.Rational;
import canopy.model.Topology;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Upgrade Advisor's rows and status in both modes, without the JavaFX toolkit. */
class UpgradeAdvisorModelTest {
    @Test
    void classRowsSelectEveryLinkOfTheClass() {
        Topology t = TopologyGenerators.dgxA100(2);
        List<UpgradeAdvisorModel.Row> single = UpgradeAdvisorModel.rank(t, Rational.of(25),
                UpgradeAdvisorModel.Mode.SINGLE_LINKS, Progress.NONE);
        assertEquals(t.links().size(), single.size());
        assertTrue(single.stream().allMatch(UpgradeAdvisorModel.Row::noGain));
        assertEquals(List.of(single.get(0).link()), single.get(0).links());
        assertEquals("32 links ranked (+25 GB/s): no single link raises a bound; try Link classes",
                UpgradeAdvisorModel.status(single, UpgradeAdvisorModel.Mode.SINGLE_LINKS, Rational.of(25)));

        List<UpgradeAdvisorModel.Row> classes = UpgradeAdvisorModel.rank(t, Rational.of(25),
                UpgradeAdvisorModel.Mode.LINK_CLASSES, Progress.NONE);
        assertEquals(2, classes.size());
        UpgradeAdvisorModel.Row nic = classes.get(1);
        assertEquals(2, nic.rank());
        assertEquals("accelerator ⇄ switch across groups, 25 GB/s (16 links)", nic.name());
        assertEquals("25", nic.now());
        assertEquals("1120/3 ≈ 373.333", nic.allgather());
        assertEquals("+80/3 ≈ 26.6667", nic.allgatherGain());
        assertEquals("+40/3 ≈ 13.3333", nic.allreduceGain());
        assertEquals("4200 (AR then 2400)", nic.movesAt());
        assertEquals(16, nic.links().size());
        for (int j : nic.links()) {
            assertTrue(t.links().get(j).to().startsWith("rail"), t.links().get(j).describe());
        }
        assertEquals("2 classes ranked (+25 GB/s)",
                UpgradeAdvisorModel.status(classes, UpgradeAdvisorModel.Mode.LINK_CLASSES, Rational.of(25)));
        assertEquals("Link classes", UpgradeAdvisorModel.Mode.LINK_CLASSES.toString());
        assertEquals("1 class", UpgradeAdvisorModel.Mode.LINK_CLASSES.count(1));
    }
}
