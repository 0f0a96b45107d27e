package canopy.cli;

import canopy.render.export.DiagramExport;
import canopy.render.export.DiagramExport.Format;
import canopy.model.Schedule;
import canopy.model.Topology;
import canopy.render.DiagramScene;
import canopy.render.DiagramStyle;
import canopy.render.ScheduleOverlay;
import canopy.render.ScheduleOverlays;
import canopy.engine.NcclGraphSchedule;
import canopy.io.HardenedXml;
import java.io.PrintWriter;
import java.util.List;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code canopy render TOPO [--schedule FILE | --nccl-graph GRAPH.xml [--graph G] [-c C]] [--view V]
 * [--scale S] [--theme T] -o OUT.png|.svg|.pdf}: the diagram as a file, drawn by the designer's painter
 * through a file back-end. Needs no display and loads no JavaFX class (PNG through java.awt in headless
 * mode).
 */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = {"Draw a topology, optionally with a schedule's congestion or one root's trees, as PNG, "
                + "SVG or PDF (the format from OUT's extension). The same drawing code as the designer; no "
                + "display needed. Writes atomically.",
            "Views: topology (the default without --schedule); congestion (the default with one: each "
                + "direction of a link coloured by its busy fraction of its stage, bottlenecks outlined, with "
                + "a legend); tree:ROOT (the trees rooted at accelerator ROOT along their physical paths, the "
                + "rest dimmed); with --nccl-graph also channels (the default there: every channel of NCCL's "
                + "graph dump in its own colour, its hops numbered, over the congestion view) and channel:N (one).",
            "Exit 2 on bad input: an unknown extension, view, root or channel, or a schedule that does not verify "
                + "against the topology."})
public final class RenderCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TopologyArgument topology;

    @Option(names = "--schedule", paramLabel = "FILE", description = "Schedule file (schedule/1 JSON) to draw over it.")
    Path scheduleFile;

    @Option(names = "--nccl-graph", paramLabel = "GRAPH.xml",
            description = "NCCL's graph dump (NCCL_GRAPH_DUMP_FILE) of the machine TOPO was imported from, drawn as "
                    + "'import nccl-graph' makes it a schedule, instead of --schedule.")
    Path ncclGraph;

    @Option(names = "--graph", paramLabel = "G", defaultValue = "ring",
            description = "With --nccl-graph: ring (default) or tree (allreduce).")
    String graph;

    @Option(names = {"-c", "--collective"}, paramLabel = "C", converter = Cli.CollectiveConverter.class,
            completionCandidates = Cli.CollectiveNames.class,
            description = "With --nccl-graph: allgather, reduce-scatter or allreduce (default).")
    canopy.model.Collective collective;

    @Option(names = "--view", paramLabel = "VIEW",
            description = "topology, congestion, tree:ROOT, or with --nccl-graph channels or channel:N (default: "
                    + "channels with --nccl-graph, congestion with --schedule, else topology).")
    String view;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "1",
            description = "Size factor (default 1: a page 1600 wide; PNG pixels, SVG size, PDF points).")
    double scale;

    @Option(names = "--theme", paramLabel = "T", defaultValue = "light", description = "light (default) or dark.")
    String theme;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT",
            description = "File to write: .png, .svg or .pdf.")
    Path output;

    /** The channels view draws: all of them, or channel:N, N a position in the dump's channel list. */
    private static List<ScheduleOverlay.Channel> channelsOf(String v, List<NcclGraphSchedule.Channel> all) {
        if (v.equals("channels")) {
            List<ScheduleOverlay.Channel> out = new java.util.ArrayList<>();
            for (int i = 0; i < all.size(); i++) {
                out.add(ScheduleOverlays.channel(all, i));
            }
            return out;
        }
        String n = v.substring("channel:".length());
        int i;
        try {
            i = Integer.parseInt(n);
        } catch (NumberFormatException e) {
            i = -1;
        }
        if (i < 0 || i >= all.size()) {
            throw new BadInputException("--view " + v + ": the dump's schedule has channels 0 to " + (all.size() - 1));
        }
        return List.of(ScheduleOverlays.channel(all, i));
    }

    /** Node coordinates render within ±this; beyond it the page's span is no longer a finite number. */
    static final double MAX_COORDINATE = 1e12;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Format format = Format.ofFileName(output.getFileName().toString());
        if (format == null) {
            throw new BadInputException("cannot tell the format of '" + output + "': name it " + Format.extensions());
        }
        if (!(scale > 0) || scale > 16 || !Double.isFinite(scale)) {
            throw new BadInputException("--scale must be above 0 and at most 16, not " + scale);
        }
        DiagramStyle style = switch (theme.toLowerCase(Locale.ROOT)) {
            case "light" -> DiagramStyle.LIGHT;
            case "dark" -> DiagramStyle.DARK;
            default -> throw new BadInputException("--theme must be light or dark, not '" + theme + "'");
        };
        if (ncclGraph != null && scheduleFile != null) {
            throw new BadInputException("--schedule and --nccl-graph are two ways of giving the schedule: give one");
        }
        if (ncclGraph == null && (collective != null || !graph.equals("ring"))) {
            throw new BadInputException("--collective and --graph are for --nccl-graph");
        }
        String v = view == null ? (ncclGraph != null ? "channels" : scheduleFile == null ? "topology" : "congestion")
                : view;
        boolean channels = v.equals("channels") || v.startsWith("channel:");
        if (!v.equals("topology") && !v.equals("congestion") && !v.startsWith("tree:") && !channels) {
            throw new BadInputException("--view must be topology, congestion, tree:ROOT, channels or channel:N, not '"
                    + v + "'");
        }
        if (channels && ncclGraph == null) {
            throw new BadInputException("--view " + v + " needs --nccl-graph GRAPH.xml (a schedule file keeps no channels)");
        }
        Cli.checkOutput("-o", output, topology.file, scheduleFile, ncclGraph);
        Topology t = topology.read();
        for (canopy.model.Node n : t.nodes()) {
            for (Double c : new Double[] {n.x(), n.y()}) {
                if (c != null && Math.abs(c) > MAX_COORDINATE) {
                    throw new BadInputException("node " + canopy.model.Messages.quote(n.id()) + ": coordinate " + c
                            + " is beyond the ±" + (float) MAX_COORDINATE + " a diagram can be drawn at");
                }
            }
        }
        Schedule s = null;
        List<NcclGraphSchedule.Channel> dumpChannels = List.of();
        if (scheduleFile != null) {
            s = Cli.readSchedule(scheduleFile, t);
            Cli.requireVerifies(t, s);
        } else if (ncclGraph != null) {
            NcclGraphSchedule.Result r = NcclGraphImport.build(ncclGraph, t,
                    collective == null ? canopy.model.Collective.ALLREDUCE : collective, graph, HardenedXml.DEFAULT_MAX_BYTES);
            s = r.schedule();
            dumpChannels = r.channels();
        }
        ScheduleOverlay overlay = null;
        if (!v.equals("topology")) {
            if (s == null) {
                throw new BadInputException("--view " + v + " needs --schedule FILE");
            }
            if (channels) {
                overlay = ScheduleOverlays.congestion(t, s).withChannels(channelsOf(v, dumpChannels));
            } else if (v.equals("congestion")) {
                overlay = ScheduleOverlays.congestion(t, s);
            } else {
                String root = v.substring("tree:".length());
                if (t.node(root) == null || !t.node(root).isAccelerator()) {
                    throw new BadInputException("--view " + v + ": '" + root + "' is not an accelerator of the topology");
                }
                try {
                    overlay = ScheduleOverlays.treesOfRoot(t, s, root);
                } catch (IllegalArgumentException e) {
                    throw new BadInputException("--view " + v + ": " + e.getMessage());
                }
            }
        }
        DiagramScene scene = DiagramExport.scene(t, style, overlay);
        DiagramExport.Page size = DiagramExport.page(scene, overlay);
        double w = size.width() * scale;
        double h = size.height() * scale;
        if (!(w >= 16 && h >= 16) || !Double.isFinite(w) || !Double.isFinite(h)) {
            throw new BadInputException("--scale " + scale + " makes the page " + Math.round(w) + "×" + Math.round(h)
                    + "; it must be at least 16×16 (scale at least " + (float) (16 / Math.min(size.width(), size.height()))
                    + " here)");
        }
        final ScheduleOverlay drawn = overlay;
        Cli.write(output, () -> DiagramExport.export(t, drawn, format, scale, style, output));
        DiagramExport.Page page = size;
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + output + ": " + format + " " + Math.round(page.width() * scale) + "×"
                + Math.round(page.height() * scale) + format.sizeUnit()
                + ", " + v + " view of " + topology.name(t) + " (" + style.name() + ")");
        out.flush();
        return CanopyCommand.EXIT_OK;
    }
}
