package canopy.cli;

import canopy.model.Topology;
import canopy.ui.schedule.ScheduleCancelBench;

/**
 * {@code bench --cancel --designer}: one forest allgather run of the Schedule panel (its view-model,
 * without a window) as a {@link CancelBench.Trial}, cancelled by the panel's Cancel and timed to its
 * cancelled state. The only class of the bench that names canopy.ui, so {@code bench} loads JavaFX only
 * with --designer.
 */
final class DesignerCancelTrial implements CancelBench.Trial {
    static final String LABEL = "designer: forest allgather";

    private final ScheduleCancelBench.PanelRun run;

    DesignerCancelTrial(Topology t) throws InterruptedException {
        run = ScheduleCancelBench.start(t);
    }

    @Override
    public boolean awaitEndBy(long deadline) throws InterruptedException {
        return run.awaitEndBy(deadline);
    }

    @Override
    public String stage() {
        return run.stage();
    }

    @Override
    public long requestCancel() throws InterruptedException {
        return run.pressCancel();
    }

    @Override
    public long startNanos() {
        return run.startNanos();
    }

    @Override
    public long endNanos() {
        return run.endNanos();
    }

    @Override
    public boolean stoppedOnCancel() {
        return run.cancelled();
    }

    @Override
    public StackTraceElement[] stack() {
        return run.workerStack();
    }

    @Override
    public String failure() throws InterruptedException {
        return run.failure();
    }

    @Override
    public void close() {
        run.close();
    }
}
