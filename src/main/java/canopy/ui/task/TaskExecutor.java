package canopy.ui.task;

import java.time.Duration;

/**
 * Runs {@link BackgroundTask}s (after JabRef's TaskExecutor): the UI's {@link UiTaskExecutor} on a
 * background thread with results on the FX thread, tests' {@link CurrentThreadTaskExecutor} at once
 * on the calling thread.
 */
public interface TaskExecutor {
    /** Runs the task as soon as possible. */
    <V> void execute(BackgroundTask<V> task);

    /** Runs the task after delay unless it is cancelled first. */
    <V> void schedule(BackgroundTask<V> task, Duration delay);

    /** Stops the worker threads; running work is asked to stop. */
    void shutdown();
}
