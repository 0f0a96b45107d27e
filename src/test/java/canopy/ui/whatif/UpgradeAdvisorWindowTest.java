package canopy.ui.whatif;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.generate.TopologyGenerators;
import canopy.model.Topology;
import canopy.ui.task.UiTaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Upgrade Advisor switched to link classes, headless: a class row selects all its links. */
@ExtendWith(ApplicationExtension.class)
class UpgradeAdvisorWindowTest {
    private final Topology topology = TopologyGenerators.dgxA100(2);
    private final List<List<Integer>> selected = new ArrayList<>();
    private UpgradeAdvisorWindow window;

    @Start
    void start(Stage stage) {
        window = new UpgradeAdvisorWindow(() -> topology, new UiTaskExecutor(), selected::add, null);
    }

    @Test
    void linkClassesRankInTheBackgroundAndSelectTheirLinks(FxRobot robot) throws Exception {
        robot.interact(window::show);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.table().getItems().size() == 32);
        Label status = robot.lookup("#advisor-status").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().contains("try Link classes"));

        robot.interact(() -> window.mode().setValue(UpgradeAdvisorModel.Mode.LINK_CLASSES));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> window.table().getItems().size() == 2);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> status.getText().equals("2 classes ranked (+25 GB/s)"));
        UpgradeAdvisorModel.Row nic = window.table().getItems().get(1);
        assertEquals("accelerator ⇄ switch across groups, 25 GB/s (16 links)", nic.name());
        robot.interact(() -> window.table().getSelectionModel().select(1));
        assertEquals(List.of(nic.links()), selected);
        assertEquals(16, selected.get(0).size());
        assertTrue(selected.get(0).stream().allMatch(j -> topology.links().get(j).to().startsWith("rail")));
        robot.interact(() -> window.stage().hide());
    }
}
