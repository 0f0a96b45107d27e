package canopy.ui.task;

import canopy.engine.Progress;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.BiConsumer;

/**
 * Long work with its callbacks, knowing nothing of JavaFX (after JabRef's BackgroundTask). A
 * {@link TaskExecutor} runs {@link #call} somewhere and then calls exactly one of onSuccess, onFailure
 * or onCancelled on the thread it delivers on (the FX thread for the UI's executor). The work learns it
 * should stop through the {@link Progress} it is given, which the engine polls, and what it reports there
 * reaches {@link #onProgress} on the delivering thread.
 *
 * @param <V> the result
 */
public abstract class BackgroundTask<V> {
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private Consumer<? super V> onSuccess = v -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onCancelled = () -> { };
    private BiConsumer<String, Double> onProgress = (stage, fraction) -> { };
    private volatile Consumer<Runnable> progressThread = Runnable::run;
    /** The newest report not yet delivered; reports in between are dropped, so a slow UI never lags. */
    private final AtomicReference<Report> latest = new AtomicReference<>();
    private final Progress progress = new Progress() {
        @Override
        public void report(String stage, double fraction) {
            if (latest.getAndSet(new Report(stage, fraction)) == null) {
                progressThread.accept(BackgroundTask.this::deliverProgress);
            }
        }

        @Override
        public boolean isCancelled() {
            return BackgroundTask.this.isCancelled();
        }
    };

    /** The work; it may throw {@link canopy.engine.CancelledException} when its progress says to stop. */
    protected abstract V call(Progress progress) throws Exception;

    private record Report(String stage, double fraction) {
    }

    /** A task from a function of the progress. */
    public static <V> BackgroundTask<V> of(ThrowingFunction<V> work) {
        Objects.requireNonNull(work);
        return new BackgroundTask<>() {
            @Override
            protected V call(Progress progress) throws Exception {
                return work.apply(progress);
            }
        };
    }

    /** The work of {@link #of}. */
    @FunctionalInterface
    public interface ThrowingFunction<V> {
        V apply(Progress progress) throws Exception;
    }

    public BackgroundTask<V> onSuccess(Consumer<? super V> action) {
        this.onSuccess = Objects.requireNonNull(action);
        return this;
    }

    public BackgroundTask<V> onFailure(Consumer<Throwable> action) {
        this.onFailure = Objects.requireNonNull(action);
        return this;
    }

    /**
     * Called with the work's progress (stage, fraction 0..1 or negative when unknown) on the thread the
     * executor delivers on; when reports come faster than they are delivered, only the newest arrives.
     */
    public BackgroundTask<V> onProgress(BiConsumer<String, Double> action) {
        this.onProgress = Objects.requireNonNull(action);
        return this;
    }

    /** For executors: where progress is delivered (the FX thread's queue for the UI's executor). */
    public void deliverProgressOn(Consumer<Runnable> thread) {
        this.progressThread = Objects.requireNonNull(thread);
    }

    private void deliverProgress() {
        Report r = latest.getAndSet(null);
        if (r != null && !isCancelled()) {
            onProgress.accept(r.stage(), r.fraction());
        }
    }

    public BackgroundTask<V> onCancelled(Runnable action) {
        this.onCancelled = Objects.requireNonNull(action);
        return this;
    }

    /** Asks the work to stop; its result, if it still comes, is dropped and onCancelled runs instead. */
    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** For executors: runs the work on the calling thread with this task's progress. */
    public V run() throws Exception {
        return call(progress);
    }

    /** For executors: delivers the outcome (a result, or the exception the work threw). */
    public void deliver(V result, Throwable error) {
        if (isCancelled() || error instanceof canopy.engine.CancelledException) {
            onCancelled.run();
        } else if (error != null) {
            onFailure.accept(error);
        } else {
            onSuccess.accept(result);
        }
    }
}
