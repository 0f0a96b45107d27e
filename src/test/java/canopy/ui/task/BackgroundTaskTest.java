package canopy.ui.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Progress flows through the task to its listener, on the thread the executor names, newest only. */
class BackgroundTaskTest {
    @Test
    void reportsReachTheListenerAndCoalesceWhileDeliveryIsPending() throws Exception {
        List<Runnable> queue = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.of(p -> {
            p.report("splitting", 0.1);
            p.report("packing", 0.5);
            p.report("packing", 0.75);
            return "done";
        });
        task.onProgress((stage, f) -> seen.add(stage + " " + f));
        task.deliverProgressOn(queue::add); // a delivery thread that has not run yet
        assertEquals("done", task.run());
        assertEquals(1, queue.size(), "one delivery queued for three reports");
        queue.get(0).run();
        assertEquals(List.of("packing 0.75"), seen);
    }

    @Test
    void theTestExecutorDeliversAtOnceAndACancelledTaskReportsNothing() {
        List<String> seen = new ArrayList<>();
        BackgroundTask<String> task = BackgroundTask.of(p -> {
            p.report("a", 0.5);
            return "x";
        });
        task.onProgress((stage, f) -> seen.add(stage));
        new CurrentThreadTaskExecutor().execute(task);
        assertEquals(List.of("a"), seen);

        BackgroundTask<String> cancelled = BackgroundTask.of(p -> {
            p.report("b", 0.5);
            return "y";
        });
        cancelled.onProgress((stage, f) -> seen.add(stage));
        cancelled.cancel();
        try {
            cancelled.run();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals(List.of("a"), seen);
    }
}
