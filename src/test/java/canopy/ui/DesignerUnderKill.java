package canopy.ui;

import canopy.ui.task.BackgroundTask;
import canopy.ui.task.CurrentThreadTaskExecutor;
import canopy.ui.task.TaskExecutor;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The designer's document side in a JVM of its own, for {@link KillRecoveryTest} to kill: opens args[0],
 * then forever edits link 0's bandwidth to 1000 + i, autosaves (as the window's timer does) and saves,
 * telling the parent on stdout before each step so that it can kill the process in the middle of one.
 */
public final class DesignerUnderKill {
    private DesignerUnderKill() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        MainViewModel vm = new MainViewModel(new MainViewModel.Services(Settings.inMemory(), new StubDialogs(),
                new NoDelayedWork(), new Recovery(Path.of(args[1])), TextClipboard.inMemory(),
                LayoutActions.available(), Duration.ZERO));
        vm.openFile(file);
        for (int i = 1; ; i++) {
            if (!vm.properties().setLinkBandwidth(0, Integer.toString(1000 + i)).isEmpty()) {
                throw new IllegalStateException("edit " + i + " refused");
            }
            vm.autosave().orElseThrow();
            System.out.println("saving " + i);
            System.out.flush();
            if (!vm.save()) {
                throw new IllegalStateException("save " + i + " failed");
            }
            System.out.println("saved " + i);
            System.out.flush();
        }
    }

    /**
     * Runs work at once but drops delayed work: the live bounds, recomputed after each edit, would take
     * minutes on a topology this large, as if every edit came before the designer's debounce ran out.
     */
    static final class NoDelayedWork implements TaskExecutor {
        private final CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();

        @Override
        public <V> void execute(BackgroundTask<V> task) {
            now.execute(task);
        }

        @Override
        public <V> void schedule(BackgroundTask<V> task, Duration delay) {
        }

        @Override
        public void shutdown() {
            now.shutdown();
        }
    }
}
