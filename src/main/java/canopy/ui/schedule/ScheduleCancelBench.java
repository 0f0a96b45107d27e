package canopy.ui.schedule;

import canopy.engine.OptimalForest;
import canopy.engine.Progress;
import canopy.engine.ScheduleResult;
import canopy.engine.Schedulers;
import canopy.model.Collective;
import canopy.model.Topology;
import canopy.ui.task.WorkerTaskExecutor;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The Schedule panel's Cancel, measured without a window: a {@link ScheduleViewModel} on a thread that
 * plays the FX thread, its forest allgather run by a {@link WorkerTaskExecutor} (the designer's
 * threading: engine on a worker, outcome delivered on the UI thread), Cancel pressed on the UI thread,
 * and the time until the panel's state is {@link ScheduleViewModel.State#CANCELLED}. What this leaves
 * out of the designer is only the FX event queue's own delay.
 */
public final class ScheduleCancelBench {
    /** The stage while the panel works after the engine (analysis, animation), which report to the panel only. */
    public static final String AFTER_THE_ENGINE = "after the engine: analysis, animation";

    private ScheduleCancelBench() {
    }

    /** Starts the panel's forest allgather on t (Run pressed). */
    public static PanelRun start(Topology t) throws InterruptedException {
        return new PanelRun(t);
    }

    /** Where one run ended and when. */
    private record End(ScheduleViewModel.State state, long nanos) {
    }

    /** One forest allgather run of the panel, started by {@link #start}. */
    public static final class PanelRun implements AutoCloseable {
        private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "canopy-bench-ui");
            t.setDaemon(true);
            return t;
        });
        private final WorkerTaskExecutor executor = new WorkerTaskExecutor(ui);
        private final CompletableFuture<End> end = new CompletableFuture<>();
        private volatile String stage = "(before any report)";
        private volatile Thread worker;
        private final long startNanos;
        private ScheduleViewModel vm;

        private PanelRun(Topology t) throws InterruptedException {
            // the engine as the panel runs it, remembering the stage it last reported and its thread
            ScheduleViewModel.Engine engine = (top, c, a, request, progress) -> {
                worker = Thread.currentThread();
                ScheduleResult r = ScheduleViewModel.ENGINE.compute(top, c, a, request, new Progress() {
                    @Override
                    public void report(String s, double fraction) {
                        stage = s;
                        progress.report(s, fraction);
                    }

                    @Override
                    public boolean isCancelled() {
                        return progress.isCancelled();
                    }
                });
                stage = AFTER_THE_ENGINE;
                return r;
            };
            startNanos = System.nanoTime();
            onUi(() -> {
                vm = new ScheduleViewModel(new SimpleObjectProperty<>(t), executor, engine);
                vm.collectiveProperty().set(Collective.ALLGATHER);
                vm.algorithmProperty().set(Schedulers.get(OptimalForest.NAME));
                vm.stateProperty().addListener((o, a, s) -> {
                    if (s == ScheduleViewModel.State.CANCELLED || s == ScheduleViewModel.State.DONE
                            || s == ScheduleViewModel.State.FAILED) {
                        end.complete(new End(s, System.nanoTime()));
                    }
                });
                vm.run();
            });
        }

        /** Waits until the panel's run ends or System.nanoTime() reaches deadline; true when it ended. */
        public boolean awaitEndBy(long deadline) throws InterruptedException {
            try {
                end.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        /** The engine's stage now. */
        public String stage() {
            return stage;
        }

        /** Presses Cancel on the UI thread: System.nanoTime() of the press, or -1 when the run had ended. */
        public long pressCancel() throws InterruptedException {
            long[] pressed = {-1};
            onUi(() -> {
                if (!end.isDone()) {
                    pressed[0] = System.nanoTime();
                    vm.cancel();
                }
            });
            return pressed[0];
        }

        public long startNanos() {
            return startNanos;
        }

        /** System.nanoTime() when the panel's state became CANCELLED, DONE or FAILED. */
        public long endNanos() {
            return end.join().nanos();
        }

        /** Whether the run ended in the CANCELLED state. */
        public boolean cancelled() {
            return end.join().state() == ScheduleViewModel.State.CANCELLED;
        }

        /** The panel's status line when the run failed, else null. */
        public String failure() throws InterruptedException {
            if (end.join().state() != ScheduleViewModel.State.FAILED) {
                return null;
            }
            String[] s = new String[1];
            onUi(() -> s[0] = vm.statusTextProperty().get());
            return s[0];
        }

        /** The worker thread's stack now (empty before the engine starts). */
        public StackTraceElement[] workerStack() {
            Thread w = worker;
            return w == null ? new StackTraceElement[0] : w.getStackTrace();
        }

        private void onUi(Runnable r) throws InterruptedException {
            try {
                ui.submit(r).get();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        @Override
        public void close() {
            executor.shutdown();
            ui.shutdownNow();
        }
    }
}
