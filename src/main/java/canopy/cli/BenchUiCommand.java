package canopy.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canopy bench-ui}: frame times of the designer's canvas while panning and zooming over a
 * large topology. Needs a display: run it under Xvfb ({@code xvfb-run -a java -Dprism.order=sw -jar
 * target/canopy.jar bench-ui}), or headless with Monocle on the class path. The JavaFX work lives in
 * canopy.ui.canvas.CanvasBench, named only inside {@link #call()}, so the rest of the command line
 * never loads JavaFX.
 */
@Command(name = "bench-ui",
        mixinStandardHelpOptions = true,
        description = "Measure canvas frame times (median, p95) while panning and zooming a large topology.")
public final class BenchUiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--frames", defaultValue = "200", description = "Frames per run (default ${DEFAULT-VALUE}).")
    int frames;

    @Option(names = "--nodes", defaultValue = "1000", description = "Nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--links", defaultValue = "4000", description = "Links (default ${DEFAULT-VALUE}).")
    int links;

    @Option(names = "--width", defaultValue = "1600", description = "Canvas width (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "1000", description = "Canvas height (default ${DEFAULT-VALUE}).")
    int height;

    @Override
    public Integer call() throws Exception {
        if (frames < 2 || nodes < 2 || nodes > 1000 || links < 1 || links > 4000 || width < 100 || height < 100) {
            throw new BadInputException("need --frames ≥ 2, 2 ≤ --nodes ≤ 1000, 1 ≤ --links ≤ 4000, size ≥ 100×100");
        }
        PrintWriter out = spec.commandLine().getOut();
        return canopy.ui.canvas.CanvasBench.run(frames, width, height, nodes, links, out);
    }
}
