package canopy.ui.task;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.concurrent.Task;

/**
 * The designer's executor: each {@link BackgroundTask} runs inside a {@link javafx.concurrent.Task} on a
 * daemon worker thread, and its outcome is delivered on the FX thread. One worker: live insight needs
 * only the newest result, and cancelled work stops at the engine's next check.
 */
public final class UiTaskExecutor implements TaskExecutor {
    /**
     * Progress reaches the FX thread at most ten times a second: a report waits this long, and the
     * reports that come meanwhile replace it (BackgroundTask keeps only the newest), so a chatty engine
     * never floods the FX thread with relayouts while the user reaches for Cancel.
     */
    private static final Executor PROGRESS_DELAY = CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS);

    private final ScheduledExecutorService worker;

    public UiTaskExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory daemons = r -> {
            Thread t = new Thread(r, "canopy-background-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setPriority(Thread.NORM_PRIORITY - 1);
            return t;
        };
        worker = Executors.newSingleThreadScheduledExecutor(daemons);
    }

    @Override
    public <V> void execute(BackgroundTask<V> task) {
        worker.execute(() -> run(task));
    }

    @Override
    public <V> void schedule(BackgroundTask<V> task, Duration delay) {
        worker.schedule(() -> run(task), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static <V> void run(BackgroundTask<V> task) {
        task.deliverProgressOn(r -> PROGRESS_DELAY.execute(() -> Platform.runLater(r)));
        Task<V> fx = new Task<>() {
            @Override
            protected V call() throws Exception {
                if (task.isCancelled()) {
                    return null;
                }
                return task.run();
            }
        };
        // Task fires these on the FX thread.
        fx.setOnSucceeded(e -> task.deliver(fx.getValue(), null));
        fx.setOnFailed(e -> task.deliver(null, fx.getException()));
        fx.run();
    }

    @Override
    public void shutdown() {
        worker.shutdownNow();
    }
}
