package canopy.ui;

import canopy.ui.dialog.FxDialogs;
import canopy.ui.insight.LiveBounds;
import canopy.ui.task.UiTaskExecutor;
import java.nio.file.Path;
import java.util.Map;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * The designer application: wires the real services (preferences, dialogs, the background executor,
 * the recovery folder, the system clipboard) into a {@link MainWindow}, which opens with the sample
 * topology from sample-topologies/ (or the copy in the jar), or with autosaved work if the user wants it back.
 */
public class CanopyApp extends Application {
    @Override
    public void start(Stage stage) {
        MainViewModel.Services services = new MainViewModel.Services(Settings.preferences(),
                new FxDialogs(() -> stage), new UiTaskExecutor(), Recovery.inHome(), TextClipboard.system(),
                LayoutActions.available(), LiveBounds.DEFAULT_DELAY,
                new UiTaskExecutor());
        MainWindow window = MainWindow.open(stage, services, MainViewModel.SAMPLES_DIR);
        // Named parameters from `canopy designer FILE [--theme …] [--show-cut] [--schedule]`.
        Map<String, String> named = getParameters().getNamed();
        MainViewModel vm = window.viewModel();
        if (named.containsKey("theme")) {
            vm.themeProperty().set("dark".equals(named.get("theme")) ? Theme.DARK : Theme.LIGHT);
        }
        if (named.containsKey("file")) {
            vm.openFile(Path.of(named.get("file")));
        }
        if ("true".equals(named.get("show-cut"))) {
            vm.liveBounds().showCutProperty().set(true);
        }
        if ("true".equals(named.get("schedule"))) {
            window.showSchedulePanel();
            vm.schedule().run();
        }
    }
}
