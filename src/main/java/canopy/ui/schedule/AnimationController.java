package canopy.ui.schedule;

import canopy.engine.AnimationTimeline;
import canopy.engine.Progress;
import canopy.model.Schedule;
import canopy.model.ScheduleTree;
import canopy.model.Topology;
import canopy.model.TreeEdge;
import canopy.render.ScheduleOverlay;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;

/**
 * The schedule animation's state, without controls: the {@link AnimationTimeline} of the shown result,
 * the simulated time, playing or paused, the speed, the current stage, and the {@link ScheduleOverlay}
 * of the current frame (the chunks in flight over the tree paths, drawn faint). Time moves only through
 * {@link #advance(long)} (the view calls it from an AnimationTimer; tests with a manual clock), the step
 * buttons and the scrubber, so everything here is deterministic.
 *
 * <p>A {@link #select(TreeSelection) selection} (one tree, or all the trees of a root) narrows the frame
 * to those trees: their faint paths and only their chunks, and the steps go from one of their chunk
 * events to the next. The time axis stays the whole schedule's (same duration, stages and pace), because
 * the selected chunks move as they do beside the other trees they share links with; clearing the
 * selection shows every tree at the same time.
 *
 * <p>At speed 1 the whole collective plays in {@link #SECONDS_PER_PLAY} seconds of wall time, whatever
 * its simulated duration. The frame is {@link #activeProperty() active} from the first Play, step or
 * scrub until {@link #stop()}, a new result or a stale one.
 */
public final class AnimationController {
    /** Wall seconds the whole collective takes at speed 1. */
    public static final double SECONDS_PER_PLAY = 6;
    public static final double MIN_SPEED = 0.1;
    public static final double MAX_SPEED = 10;
    /** Chunks per tree's data; fewer when the schedule is too big for the timeline. */
    static final int CHUNKS = 8;

    private final ReadOnlyObjectWrapper<AnimationTimeline> timeline = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper time = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyDoubleWrapper duration = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyBooleanWrapper playing = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty speed = new SimpleDoubleProperty(1);
    private final ReadOnlyStringWrapper stageText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper timeText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<ScheduleOverlay> frame = new ReadOnlyObjectWrapper<>(ScheduleOverlay.NONE);

    private final List<Integer> stages = new ArrayList<>();
    private final List<Double> stageEnds = new ArrayList<>();
    private final List<String> stageNames = new ArrayList<>();
    private List<List<String>> allHops = List.of();
    private List<List<String>> paths = List.of();
    private TreeSelection selection = TreeSelection.ALL;
    /** The selected trees' hops, indexed once per selection: the frame and the steps read only these. */
    private AnimationTimeline.TreeHops shownHops;

    /** A schedule's animation: its timeline, or null and why not (a sentence for the panel; "" when there is nothing to animate). */
    public record Built(AnimationTimeline timeline, String whyNot) {
        /** No schedule: nothing to animate, nothing to explain. */
        public static final Built NONE = new Built(null, "");
    }

    /**
     * The timeline of schedule s on topology t (which it was computed for), or why it cannot be animated.
     * Takes a while for big schedules: call it off the FX thread, with the progress of the work it is part
     * of (CancelledException when that is cancelled).
     */
    public static Built build(Topology t, Schedule s, Progress progress) {
        if (t == null || s == null || s.trees().isEmpty()) {
            return Built.NONE;
        }
        long hops = 0;
        for (ScheduleTree tree : s.trees()) {
            for (TreeEdge e : tree.edges()) {
                hops += e.path().size() - 1L;
            }
        }
        if (hops > AnimationTimeline.MAX_HOPS) {
            return new Built(null, String.format(Locale.ROOT, "Too large to animate: %,d hop crossings (limit %,d).",
                    hops, AnimationTimeline.MAX_HOPS));
        }
        int chunks = (int) Math.max(1, Math.min(CHUNKS, AnimationTimeline.MAX_HOPS / Math.max(1, hops)));
        try {
            return new Built(new AnimationTimeline(t, s, chunks, AnimationTimeline.DEFAULT_BYTES, progress), "");
        } catch (IllegalArgumentException e) {
            return new Built(null, "Cannot animate: " + e.getMessage()); // a path over a missing link
        }
    }

    /** Shows this result's schedule (on topology t, which it was computed for): paused at time 0. */
    public void setResult(Topology t, Schedule s) {
        show(build(t, s, Progress.NONE));
    }

    /** Shows this animation (its timeline paused at time 0, or why there is none). */
    public void show(Built b) {
        unavailable.set(b.whyNot());
        install(b.timeline());
    }

    /** No result, or a stale one: nothing to animate. */
    public void clear() {
        show(Built.NONE);
    }

    private void install(AnimationTimeline tl) {
        playing.set(false);
        active.set(false);
        selection = TreeSelection.ALL;
        shownHops = tl == null ? null : tl.forAllTrees();
        stages.clear();
        stageEnds.clear();
        stageNames.clear();
        allHops = List.of();
        if (tl != null) {
            Map<Integer, Set<String>> phases = new LinkedHashMap<>();
            for (ScheduleTree tree : tl.schedule().trees()) {
                phases.computeIfAbsent(tree.stage(), k -> new LinkedHashSet<>()).add(tree.phase().jsonName());
            }
            tl.stageEndTimes().forEach((stage, end) -> {
                stages.add(stage);
                stageEnds.add(end);
                stageNames.add(String.join(" + ", phases.getOrDefault(stage, Set.of())));
            });
            allHops = hopsOf(tl.schedule().trees());
        }
        paths = allHops;
        timeline.set(tl);
        duration.set(tl == null ? 0 : tl.duration());
        setTime(0);
    }

    /** Each directed hop of these trees' paths once, as a two-node path: what the frame draws faint. */
    private static List<List<String>> hopsOf(List<ScheduleTree> trees) {
        Set<List<String>> hops = new LinkedHashSet<>();
        for (ScheduleTree tree : trees) {
            for (TreeEdge e : tree.edges()) {
                List<String> p = e.path();
                for (int k = 0; k + 1 < p.size(); k++) {
                    hops.add(List.of(p.get(k), p.get(k + 1)));
                }
            }
        }
        return List.copyOf(hops);
    }

    /**
     * The faint paths and moving chunks: every tree's, or only the selected trees'. A selection that does
     * not fit the schedule shows every tree.
     */
    public void select(TreeSelection s) {
        AnimationTimeline tl = timeline.get();
        if (tl == null || s.isAll() || !s.fits(tl.schedule().trees().size())) {
            selection = TreeSelection.ALL;
            shownHops = tl == null ? null : tl.forAllTrees();
            paths = allHops;
        } else {
            selection = s;
            shownHops = tl.forTrees(s.trees());
            paths = hopsOf(s.treesIn(tl.schedule()));
        }
        refreshFrame();
    }

    public TreeSelection selection() {
        return selection;
    }

    // ------------------------------------------------------------------ transport

    /** Plays from the current time; from the start when at the end. */
    public void play() {
        if (timeline.get() == null) {
            return;
        }
        if (time.get() >= duration.get()) {
            setTime(0);
        }
        active.set(true);
        playing.set(true);
        refreshFrame();
    }

    public void pause() {
        playing.set(false);
    }

    public void togglePlay() {
        if (playing.get()) {
            pause();
        } else {
            play();
        }
    }

    /** Back to time 0 and the plain tree or congestion view. */
    public void stop() {
        playing.set(false);
        active.set(false);
        setTime(0);
    }

    /** Pauses and moves to the next departure or arrival of the shown chunks (the end when there is none). */
    public void stepForward() {
        if (timeline.get() == null) {
            return;
        }
        playing.set(false);
        active.set(true);
        double next = shownHops.nextEventAfter(time.get());
        setTime(Double.isNaN(next) ? duration.get() : next);
    }

    /** Pauses and moves to the previous departure or arrival of the shown chunks (the start when there is none). */
    public void stepBack() {
        if (timeline.get() == null) {
            return;
        }
        playing.set(false);
        active.set(true);
        double prev = shownHops.previousEventBefore(time.get());
        setTime(Double.isNaN(prev) ? 0 : prev);
    }

    /** The scrubber: shows simulated time t (clamped to [0, duration]); playing goes on from there. */
    public void scrub(double t) {
        if (timeline.get() == null) {
            return;
        }
        active.set(true);
        setTime(t);
    }

    /**
     * The clock: elapsedNanos of wall time have passed since the last call. While playing, simulated
     * time moves by speed × elapsed × duration / {@link #SECONDS_PER_PLAY}; at the end it pauses.
     */
    public void advance(long elapsedNanos) {
        if (!playing.get() || timeline.get() == null || elapsedNanos <= 0) {
            return;
        }
        double d = duration.get();
        double t = time.get() + elapsedNanos / 1e9 * effectiveSpeed() * d / SECONDS_PER_PLAY;
        if (t >= d) {
            t = d;
            playing.set(false);
        }
        setTime(t);
    }

    private double effectiveSpeed() {
        double s = speed.get();
        return Double.isFinite(s) ? Math.max(MIN_SPEED, Math.min(MAX_SPEED, s)) : 1;
    }

    private void setTime(double t) {
        double d = duration.get();
        time.set(Double.isFinite(t) ? Math.max(0, Math.min(d, t)) : 0);
        refreshLabels();
        refreshFrame();
    }

    // ------------------------------------------------------------------ what it shows

    /** The index into the stage lists of the stage playing at time t (its end time belongs to it). */
    private int stageIndexAt(double t) {
        for (int i = 0; i < stageEnds.size(); i++) {
            if (t <= stageEnds.get(i)) {
                return i;
            }
        }
        return stageEnds.size() - 1;
    }

    private void refreshLabels() {
        if (timeline.get() == null) {
            stageText.set("");
            timeText.set("");
            return;
        }
        int i = stageIndexAt(time.get());
        stageText.set(i < 0 ? "" : "stage " + (i + 1) + " of " + stages.size() + ": " + stageNames.get(i));
        timeText.set(ScheduleViewModel.seconds(time.get()) + " / " + ScheduleViewModel.seconds(duration.get()));
    }

    private void refreshFrame() {
        frame.set(active.get() ? frameAt(time.get()) : ScheduleOverlay.NONE);
    }

    /**
     * The overlay of the frame at simulated time t: the chunks in flight over the faint tree paths, of
     * the selected trees only when some are selected.
     */
    public ScheduleOverlay frameAt(double t) {
        if (timeline.get() == null) {
            return ScheduleOverlay.NONE;
        }
        List<AnimationTimeline.Chunk> chunks = shownHops.markersAt(t);
        List<ScheduleOverlay.Marker> markers = new ArrayList<>(chunks.size());
        for (AnimationTimeline.Chunk c : chunks) {
            markers.add(new ScheduleOverlay.Marker(c.from(), c.to(), c.progress(), c.colour()));
        }
        return new ScheduleOverlay(Map.of(), Map.of(), Set.of(), paths, false, markers, true);
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<AnimationTimeline> timelineProperty() {
        return timeline.getReadOnlyProperty();
    }

    /** Why the shown result cannot be animated; "" when it can, or when there is none. */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    public AnimationTimeline timeline() {
        return timeline.get();
    }

    /** Simulated seconds since the first chunk left (for a 1 GB buffer). */
    public ReadOnlyDoubleProperty timeProperty() {
        return time.getReadOnlyProperty();
    }

    public double time() {
        return time.get();
    }

    /** The timeline's duration; 0 when there is none. */
    public ReadOnlyDoubleProperty durationProperty() {
        return duration.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty playingProperty() {
        return playing.getReadOnlyProperty();
    }

    /** True while the diagram shows animation frames rather than the tree or congestion view. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    /** Multiplies the pace; clamped to [{@link #MIN_SPEED}, {@link #MAX_SPEED}] when used. */
    public DoubleProperty speedProperty() {
        return speed;
    }

    /** "stage 1 of 2: reduce-scatter"; empty when there is nothing to animate. */
    public ReadOnlyStringProperty stageTextProperty() {
        return stageText.getReadOnlyProperty();
    }

    /** "1.23 ms / 7.20 ms". */
    public ReadOnlyStringProperty timeTextProperty() {
        return timeText.getReadOnlyProperty();
    }

    /** The current frame's overlay; {@link ScheduleOverlay#NONE} when not active. */
    public ReadOnlyObjectProperty<ScheduleOverlay> frameProperty() {
        return frame.getReadOnlyProperty();
    }
}
