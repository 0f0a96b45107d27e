package canopy.ui.task;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Holds the tasks it is given until {@link #runAll()}: a debounce that has not fired, a worker not yet done. */
public final class HeldTaskExecutor implements TaskExecutor {
    public final List<BackgroundTask<?>> queued = new ArrayList<>();

    @Override
    public <V> void execute(BackgroundTask<V> task) {
        queued.add(task);
    }

    @Override
    public <V> void schedule(BackgroundTask<V> task, Duration delay) {
        queued.add(task);
    }

    @Override
    public void shutdown() {
    }

    /** Runs every task held so far on this thread, in order. */
    public void runAll() {
        CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();
        for (BackgroundTask<?> t : List.copyOf(queued)) {
            now.execute(t);
        }
        queued.clear();
    }
}
