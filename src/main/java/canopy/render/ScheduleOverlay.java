package canopy.render;

import canopy.engine.Congestion;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a schedule adds to the diagram: the congestion colouring of directed links, a selected tree
 * drawn along its physical paths (the rest dimmed), and the chunks of an animation frame. Plain data
 * (node ids and "from->to" arc keys), so the painter draws it the same on screen and in every export.
 *
 * @param arcUtilisation busy fraction 0..1 of each directed arc ("from->to"), as {@link Congestion} defines
 *                       it; empty: no congestion view
 * @param arcTrees       how many trees cross each directed arc
 * @param bottleneckArcs the arcs that set a stage's time
 * @param treePaths      physical paths (node ids) of the selected tree's edges; empty: no tree view
 * @param dimOthers      draw everything outside the overlay faded
 * @param markers        chunks in flight: a position along one hop of a path
 * @param faintPaths     draw the tree paths faint and without arrowheads (behind an animation's chunks)
 * @param channels       ordered routes (NCCL's channels), each in its own colour with its hops numbered
 */
public record ScheduleOverlay(Map<String, Double> arcUtilisation, Map<String, Integer> arcTrees,
                              Set<String> bottleneckArcs, List<List<String>> treePaths, boolean dimOthers,
                              List<Marker> markers, boolean faintPaths, List<Channel> channels) {

    /** A chunk on its way from node `from` to the next node `to` of a path, `progress` 0..1 along it. */
    public record Marker(String from, String to, double progress, int colour) {
    }

    /**
     * One channel: its hops in order, drawn in palette colour number colour (as markers are) with a
     * key entry label.
     */
    public record Channel(int colour, String label, List<Hop> hops) {
        public Channel {
            hops = List.copyOf(hops);
        }
    }

    /** One hop of a channel: the physical path (node ids) and the number drawn on it. */
    public record Hop(List<String> path, int step) {
        public Hop {
            path = List.copyOf(path);
        }
    }

    public static final ScheduleOverlay NONE =
            new ScheduleOverlay(Map.of(), Map.of(), Set.of(), List.of(), false, List.of());

    /** An overlay whose tree paths, if any, are drawn at full strength. */
    public ScheduleOverlay(Map<String, Double> arcUtilisation, Map<String, Integer> arcTrees,
                           Set<String> bottleneckArcs, List<List<String>> treePaths, boolean dimOthers,
                           List<Marker> markers) {
        this(arcUtilisation, arcTrees, bottleneckArcs, treePaths, dimOthers, markers, false);
    }

    /** An overlay without channels. */
    public ScheduleOverlay(Map<String, Double> arcUtilisation, Map<String, Integer> arcTrees,
                           Set<String> bottleneckArcs, List<List<String>> treePaths, boolean dimOthers,
                           List<Marker> markers, boolean faintPaths) {
        this(arcUtilisation, arcTrees, bottleneckArcs, treePaths, dimOthers, markers, faintPaths, List.of());
    }

    /**
     * This overlay with these channels drawn over it; without a congestion view the rest is dimmed, so
     * that the channels stand out as a selected tree does.
     */
    public ScheduleOverlay withChannels(List<Channel> shown) {
        return new ScheduleOverlay(arcUtilisation, arcTrees, bottleneckArcs, treePaths,
                dimOthers || arcUtilisation.isEmpty() && !shown.isEmpty(), markers, faintPaths, shown);
    }

    public ScheduleOverlay {
        arcUtilisation = Map.copyOf(arcUtilisation);
        arcTrees = Map.copyOf(arcTrees);
        bottleneckArcs = Set.copyOf(bottleneckArcs);
        treePaths = List.copyOf(treePaths);
        markers = List.copyOf(markers);
        channels = List.copyOf(channels);
    }

    /** The key of a directed arc in these maps: the engine's, so its congestion maps drop in as they are. */
    public static String arc(String from, String to) {
        return Congestion.arc(from, to);
    }

    public boolean isEmpty() {
        return arcUtilisation.isEmpty() && treePaths.isEmpty() && markers.isEmpty() && channels.isEmpty();
    }
}
