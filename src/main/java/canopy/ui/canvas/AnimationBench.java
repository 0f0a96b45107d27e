package canopy.ui.canvas;

import canopy.engine.ForestScheduler;
import canopy.generate.TopologyGenerators;
import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;
import canopy.ui.document.DesignDocument;
import canopy.ui.schedule.AnimationController;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * Frame times of the schedule animation as the designer plays it: a forest allreduce on 2x DGX A100
 * and on 2x MI250 with every tree shown, each frame the controller's overlay (chunks in flight over the
 * faint paths of all trees) handed to a 1600×1000 canvas and painted. The goal is 60 frames a second.
 * Assumes the JavaFX toolkit is running (see {@link CanvasBench#run}).
 */
final class AnimationBench {
    private AnimationBench() {
    }

    static void run(int frames, int width, int height, PrintWriter out) throws InterruptedException {
        for (Topology t : List.of(TopologyGenerators.dgxA100(2), TopologyGenerators.mi250(2))) {
            Schedule s = new ForestScheduler().schedule(t, Collective.ALLREDUCE);
            double[] intervals = measure(t, s, frames, width, height);
            Arrays.sort(intervals);
            double median = intervals[intervals.length / 2];
            double p95 = intervals[(int) Math.min(intervals.length - 1, Math.round(intervals.length * 0.95))];
            out.printf(Locale.ROOT, "animation, %s, forest allreduce, %d trees: median frame %.1f ms (%.0f fps), p95 %.1f ms%n",
                    t.name(), s.trees().size(), median, 1000 / median, p95);
            out.flush();
        }
    }

    private static double[] measure(Topology t, Schedule s, int frames, int width, int height)
            throws InterruptedException {
        long[] stamps = new long[frames + 1];
        CountDownLatch done = new CountDownLatch(1);
        Stage[] stage = new Stage[1];
        Platform.runLater(() -> {
            DiagramCanvas canvas = new DiagramCanvas(new DesignDocument(t, null));
            stage[0] = new Stage();
            stage[0].setTitle("Canopy bench-ui animation");
            stage[0].setScene(new Scene(new StackPane(canvas), width, height));
            stage[0].show();
            canvas.fitToView();
            AnimationController a = new AnimationController();
            a.setResult(t, s);
            a.speedProperty().set(0.25); // stays well inside the collective for the whole run
            a.play();
            new AnimationTimer() {
                long last = -1;
                int i;

                @Override
                public void handle(long now) {
                    stamps[i] = System.nanoTime();
                    if (last >= 0) {
                        a.advance(now - last);
                    }
                    last = now;
                    canvas.setScheduleOverlay(a.frameProperty().get());
                    if (++i > frames) {
                        stop();
                        done.countDown();
                    }
                }
            }.start();
        });
        done.await(5, TimeUnit.MINUTES);
        CountDownLatch closed = new CountDownLatch(1);
        Platform.runLater(() -> {
            stage[0].close();
            closed.countDown();
        });
        closed.await(5, TimeUnit.SECONDS);
        double[] intervals = new double[frames];
        for (int i = 0; i < frames; i++) {
            intervals[i] = (stamps[i + 1] - stamps[i]) / 1e6;
        }
        return intervals;
    }
}
