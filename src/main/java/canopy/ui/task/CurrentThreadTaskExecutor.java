package canopy.ui.task;

import java.time.Duration;

/** Runs every task at once on the calling thread, ignoring delays: for tests without a toolkit. */
public final class CurrentThreadTaskExecutor implements TaskExecutor {
    @Override
    public <V> void execute(BackgroundTask<V> task) {
        if (task.isCancelled()) {
            task.deliver(null, null);
            return;
        }
        V result = null;
        Throwable error = null;
        try {
            result = task.run();
        } catch (Exception | StackOverflowError e) {
            error = e;
        }
        task.deliver(result, error);
    }

    @Override
    public <V> void schedule(BackgroundTask<V> task, Duration delay) {
        execute(task);
    }

    @Override
    public void shutdown() {
    }
}
