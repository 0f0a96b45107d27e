package canopy.ui.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.engine.AnimationTimeline;
import canopy.engine.ScheduleResult;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import canopy.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A schedule with more hop crossings than the animation takes: the Schedule panel says so beside the
 * disabled Play (a disabled button shows no tooltip). The schedule is two-boxes' forest allgather with one
 * tree edge's path bouncing back and forth over its links until it makes more crossings than the limit.
 */
@ExtendWith(ApplicationExtension.class)
class AnimationUnavailableTest {
    private ScheduleViewModel vm;
    private long crossings;

    @Start
    void start(Stage stage) throws Exception {
        Topology two = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        vm = new ScheduleViewModel(new SimpleObjectProperty<>(two), new CurrentThreadTaskExecutor(),
                (t, c, a, request, progress) -> ScheduleResult.of(bouncing(
                        ScheduleViewModel.ENGINE.compute(t, c, a, request, progress).schedule())));
        vm.collectiveProperty().set(Collective.ALLGATHER);
        stage.setScene(new Scene(new SchedulePanel(vm), 360, 800));
        stage.show();
    }

    /** s with its first tree's first edge going back and forth along its path past MAX_HOPS crossings. */
    private Schedule bouncing(Schedule s) {
        ScheduleTree first = s.trees().get(0);
        TreeEdge e = first.edges().get(0);
        List<String> there = e.path().subList(1, e.path().size());
        List<String> back = new ArrayList<>(e.path().subList(0, e.path().size() - 1));
        java.util.Collections.reverse(back);
        List<String> path = new ArrayList<>(e.path());
        while (path.size() - 1 <= AnimationTimeline.MAX_HOPS) {
            path.addAll(back);
            path.addAll(there);
        }
        List<TreeEdge> edges = new ArrayList<>(first.edges());
        edges.set(0, new TreeEdge(e.from(), e.to(), path));
        List<ScheduleTree> trees = new ArrayList<>(s.trees());
        trees.set(0, new ScheduleTree(first.root(), first.phase(), first.stage(), first.direction(), first.share(), edges));
        crossings = trees.stream().flatMap(t -> t.edges().stream()).mapToLong(x -> x.path().size() - 1L).sum();
        return new Schedule(s.collective(), s.algorithm(), s.topologyName(), s.accelerators(), s.algbw(), s.bound(),
                s.bottleneckCut(), trees);
    }

    @Test
    void saysWhyPlayIsDisabled(FxRobot robot) {
        robot.interact(vm::run);
        assertEquals(ScheduleViewModel.State.DONE, vm.state(), vm.statusTextProperty().get());
        Button play = robot.lookup("#animation-play").queryAs(Button.class);
        assertTrue(play.isDisabled());
        String expected = String.format(Locale.ROOT, "Too large to animate: %,d hop crossings (limit %,d).",
                crossings, AnimationTimeline.MAX_HOPS);
        Label reason = robot.lookup((javafx.scene.Node n) -> n instanceof Label l && l.getText() != null
                && l.getText().startsWith("Too large to animate"))
                .queryAs(Label.class);
        assertEquals(expected, reason.getText());
        assertTrue(reason.isVisible() && !reason.isDisabled() && reason.getWidth() > 0, "shown, and not greyed");
    }
}
