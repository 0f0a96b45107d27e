package canopy.ui;

import canopy.ui.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.time.Duration;

/** The designer's view-model without a window: stub dialogs, tasks run at once, nothing saved outside dir. */
final class HeadlessViewModels {
    private HeadlessViewModels() {
    }

    /** Started on the samples directory, as the designer starts; recovery files go under dir. */
    static MainViewModel started(StubDialogs dialogs, Path dir) {
        MainViewModel vm = new MainViewModel(new MainViewModel.Services(Settings.inMemory(), dialogs,
                new CurrentThreadTaskExecutor(), new Recovery(dir.resolve("recovery")), TextClipboard.inMemory(),
                LayoutActions.available(), Duration.ZERO));
        vm.startup(MainViewModel.SAMPLES_DIR);
        return vm;
    }
}
