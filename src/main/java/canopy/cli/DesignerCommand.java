package canopy.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `designer [FILE] [--theme light|dark] [--show-cut] [--schedule]`: opens the designer window (the one command that
 * starts JavaFX), on FILE instead of the sample topology. Returns when the window closes.
 */
@Command(name = "designer", mixinStandardHelpOptions = true,
        description = "Open the designer window, on FILE if given (a topology JSON file).")
public final class DesignerCommand implements Callable<Integer> {
    enum ThemeChoice { light, dark }

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "Topology file to open.")
    Path file;

    @Option(names = "--theme", paramLabel = "light|dark", description = "Theme (remembered, as if chosen in the View menu).")
    ThemeChoice theme;

    @Option(names = "--show-cut", description = "Highlight the bottleneck cut on the canvas.")
    boolean showCut;

    @Option(names = "--schedule", description = "Open the Schedule panel and run the forest allreduce schedule.")
    boolean schedule;

    @Override
    public Integer call() {
        if (file != null && !Files.isRegularFile(file)) {
            throw new BadInputException("no such file: " + file);
        }
        List<String> parameters = new ArrayList<>();
        if (file != null) {
            parameters.add("--file=" + file.toAbsolutePath());
        }
        if (theme != null) {
            parameters.add("--theme=" + theme);
        }
        if (showCut) {
            parameters.add("--show-cut=true");
        }
        if (schedule) {
            parameters.add("--schedule=true");
        }
        // Named only here, so no other command loads a JavaFX class.
        canopy.ui.DesignerLauncher.launch(parameters.toArray(String[]::new));
        return CanopyCommand.EXIT_OK;
    }
}
