package canopy.ui.task;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs each {@link BackgroundTask} on one daemon worker thread and delivers its progress and outcome
 * through a given executor, standing in for the FX thread: the designer's threading (work on a worker,
 * results on one UI thread) without a JavaFX toolkit, for measuring the panels headless.
 */
public final class WorkerTaskExecutor implements TaskExecutor {
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "canopy-worker");
        t.setDaemon(true);
        return t;
    });
    private final Executor deliverOn;

    /** deliverOn: where callbacks run (a single-thread executor playing the FX thread). */
    public WorkerTaskExecutor(Executor deliverOn) {
        this.deliverOn = deliverOn;
    }

    @Override
    public <V> void execute(BackgroundTask<V> task) {
        worker.execute(() -> run(task));
    }

    @Override
    public <V> void schedule(BackgroundTask<V> task, Duration delay) {
        worker.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private <V> void run(BackgroundTask<V> task) {
        task.deliverProgressOn(deliverOn::execute);
        V result = null;
        Throwable error = null;
        if (!task.isCancelled()) {
            try {
                result = task.run();
            } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                error = e;
            }
        }
        V r = result;
        Throwable e = error;
        deliverOn.execute(() -> task.deliver(r, e));
    }

    @Override
    public void shutdown() {
        worker.shutdownNow();
    }
}
