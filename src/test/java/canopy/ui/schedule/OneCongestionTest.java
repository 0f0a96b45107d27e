package canopy.ui.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import canopy.compare.Comparison;
import canopy.engine.Congestion;
import canopy.engine.ScheduleAnalyzer;
import canopy.engine.ScheduleAnalyzer.LinkUse;
import canopy.io.TopologyJson;
import canopy.model.Collective;
import canopy.model.Rational;
import canopy.model.Schedule;
import canopy.model.Topology;
import canopy.render.ScheduleOverlay;
import canopy.render.ScheduleOverlays;
import canopy.ui.compare.CompareViewModel;
import canopy.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 item 10: one link, one congestion figure, whichever way it is shown. The Schedule panel
 * (whose overlay diagram export draws), {@code canopy render} (ScheduleOverlays on a schedule file),
 * the Compare window and the comparison's "max util." all read {@link Congestion}. Before, the panel
 * and export used busy time over total time while render and the Compare window used the highest
 * per-stage fraction, so on an allreduce the same link had two colours.
 */
class OneCongestionTest {
    @Test
    void everyViewShowsTheSameUtilisationForEachLink() throws Exception {
        // On the 2x3 mesh the forest allreduce's two stages load 10 of the 14 arcs unequally.
        Topology t = TopologyJson.read(Path.of("sample-topologies/mesh-2x3.json"));
        ScheduleViewModel vm = new ScheduleViewModel(new SimpleObjectProperty<>(t), new CurrentThreadTaskExecutor(),
                ScheduleViewModel.ENGINE);
        vm.collectiveProperty().set(Collective.ALLREDUCE);
        vm.run();
        vm.showCongestionProperty().set(true);
        ScheduleOverlay panel = vm.overlayProperty().get();
        Schedule s = vm.result().schedule();

        ScheduleOverlay render = ScheduleOverlays.congestion(t, s);
        Comparison comparison = new Comparison(List.of(new Comparison.Entry("forest", t, s), new Comparison.Entry("again", t, s)));
        ScheduleOverlay compare = new CompareViewModel(comparison).overlay(0);
        Congestion engine = Congestion.of(t, s);

        // The definitions differ on this schedule: some link's busiest stage is not its overall share.
        boolean differs = false;
        for (LinkUse l : ScheduleAnalyzer.analyze(t, s).links()) {
            Rational perStage = Rational.ZERO;
            for (Rational u : l.utilisationByStage().values()) {
                perStage = perStage.max(u);
            }
            differs |= !perStage.equals(engine.utilisation().get(Congestion.arc(l.from(), l.to())));
        }
        assertTrue(differs, "the schedule must tell the two definitions apart");

        assertEquals(engine.values(), panel.arcUtilisation());
        assertEquals(panel.arcUtilisation(), render.arcUtilisation());
        assertEquals(panel.arcUtilisation(), compare.arcUtilisation());
        assertEquals(panel.arcTrees(), render.arcTrees());
        assertEquals(panel.bottleneckArcs(), compare.bottleneckArcs());
        assertEquals(engine.max(), comparison.metrics().get(0).maxUtilisation());
    }

    @Test
    void utilisationIsBusyTimeOverTheCollectivesTime() throws Exception {
        Topology t = TopologyJson.read(Path.of("sample-topologies/two-boxes.json"));
        Schedule s = new canopy.engine.ForestScheduler().schedule(t, Collective.ALLREDUCE, 0);
        ScheduleAnalyzer.Analysis a = ScheduleAnalyzer.analyze(t, s);
        Congestion c = Congestion.of(a);
        for (LinkUse l : a.links()) {
            Rational busy = Rational.ZERO;
            for (Rational load : l.loadByStage().values()) {
                busy = busy.add(load.divide(l.bandwidth()));
            }
            assertEquals(busy.divide(a.timePerBuffer()), c.utilisation().get(Congestion.arc(l.from(), l.to())));
        }
        assertEquals(Rational.ONE, c.max());
    }
}
