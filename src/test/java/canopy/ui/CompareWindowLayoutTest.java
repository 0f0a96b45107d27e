package canopy.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.compare.Comparison;
import canopy.engine.FailureAnalysis;
import canopy.engine.FailureTarget;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Topology;
import canopy.ui.compare.CompareViewModel;
import canopy.ui.compare.CompareWindow;
import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.Node;
import javafx.scene.chart.XYChart;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The what-if comparison window as the screenshot tour opens it (two-boxes without box0-gpu0's link to the
 * spine), at its default size: every cell and header of the table reads in full, and both curves show.
 */
@ExtendWith(ApplicationExtension.class)
class CompareWindowLayoutTest {
    private CompareWindow window;

    @Start
    void start(Stage stage) {
        // The designer's theme (MainWindow sets it): its fonts and padding are what must fit.
        javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
    }

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        Topology two = TopologyJson.read(MainViewModel.SAMPLES_DIR.resolve("two-boxes.json"));
        int link = IntStream.range(0, two.links().size())
                .filter(i -> two.links().get(i).from().equals("box0-gpu0") && two.links().get(i).to().equals("spine"))
                .findFirst().orElseThrow();
        FailureAnalysis.Result r = FailureAnalysis.analyze(two, List.of(FailureTarget.link(link)), false);
        CompareViewModel vm = new CompareViewModel(Comparison.ofTopologies(two, r.after(), Collective.ALLREDUCE),
                "Comparison — two-boxes: without " + String.join(", ", r.removed()),
                "Without " + String.join(", ", r.removed()) + ": allreduce bound 1000/7 ≈ 142.857 → 800/7 ≈ 114.286 GB/s");
        vm.rows();
        vm.chartLines();
        robot.interact(() -> window = CompareWindow.show(vm, new StubDialogs(), null));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> window.stage().hide());
    }

    @Test
    void everyCellAndHeaderOfTheTableReadsInFull() {
        assertTrue(CutText.labelled(window.table()) >= 2 * 9 + 9, "the cells and headers were found");
        assertEquals(List.of(), CutText.in(window.table()), "window " + window.stage().getWidth() + " x "
                + window.stage().getHeight() + ", table " + window.table().getWidth());
    }

    @Test
    void theEnvelopeLeavesTheCurvesItFollowsVisible() {
        List<XYChart.Series<Number, Number>> data = window.chart().getData();
        XYChart.Series<Number, Number> envelope = data.stream()
                .filter(s -> s.getName().equals(Comparison.ENVELOPE)).findFirst().orElseThrow();
        // Here the envelope is the "before" curve all along: drawn over it, it would hide it.
        Node before = data.stream().filter(s -> s.getName().equals("before")).findFirst().orElseThrow().getNode();
        List<Node> plotted = before.getParent().getChildrenUnmodifiable();
        assertTrue(plotted.indexOf(envelope.getNode()) < plotted.indexOf(before),
                "the envelope is drawn beneath the curves, not over them: " + plotted);
    }
}
