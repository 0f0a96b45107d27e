package canopy.ui.schedule;

import atlantafx.base.theme.Styles;
import java.util.List;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.shape.SVGPath;

/**
 * The animation's controls (the view of an {@link AnimationController}): Play/Pause, step back and
 * forward between chunk events, Stop, a timeline scrubber with the time and stage, and a speed slider.
 * The only clock is an AnimationTimer that runs while playing and feeds the controller the wall time.
 */
public final class AnimationControls extends VBox {
    private final AnimationController c;
    private final Slider scrubber = new Slider(0, 1, 0);
    private boolean syncing;

    public AnimationControls(AnimationController c) {
        super(6);
        this.c = c;
        setId("animation-controls");

        Button back = button("animation-step-back", STEP_BACK, "Step back to the previous chunk departure or arrival");
        back.setOnAction(e -> c.stepBack());
        Button play = new Button("Play");
        play.setId("animation-play");
        play.setTooltip(new Tooltip("Play the schedule: chunks travel along the trees, stage by stage"));
        play.textProperty().bind(Bindings.when(c.playingProperty()).then("Pause").otherwise("Play"));
        SVGPath playIcon = icon(PLAY, true);
        playIcon.contentProperty().bind(Bindings.when(c.playingProperty()).then(PAUSE).otherwise(PLAY));
        play.setGraphic(playIcon);
        play.getStyleClass().add(Styles.ACCENT);
        play.setMinWidth(Region.USE_PREF_SIZE);
        play.setPrefWidth(84);
        play.setOnAction(e -> c.togglePlay());
        Button forward = button("animation-step-forward", STEP_FORWARD, "Step to the next chunk departure or arrival");
        forward.setOnAction(e -> c.stepForward());
        Button stop = button("animation-stop", STOP, "Stop: back to the start and the tree or congestion view");
        stop.setOnAction(e -> c.stop());
        stop.disableProperty().bind(c.activeProperty().not());

        Slider speed = new Slider(Math.log10(AnimationController.MIN_SPEED), Math.log10(AnimationController.MAX_SPEED),
                Math.log10(c.speedProperty().get()));
        speed.setId("animation-speed");
        speed.setPrefWidth(90);
        speed.setMinWidth(60);
        Label speedText = new Label();
        speedText.setId("animation-speed-text");
        speedText.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        speedText.setMinWidth(Region.USE_PREF_SIZE);
        speed.valueProperty().addListener((o, a, v) -> c.speedProperty().set(Math.pow(10, v.doubleValue())));
        speedText.textProperty().bind(Bindings.createStringBinding(() -> {
            double s = c.speedProperty().get();
            return (s < 1 ? String.format(java.util.Locale.ROOT, "%.1f", s)
                    : String.format(java.util.Locale.ROOT, "%.2g", s)) + "×";
        }, c.speedProperty()));
        Tooltip.install(speed, new Tooltip("Speed: at 1× the whole collective plays in "
                + (int) AnimationController.SECONDS_PER_PLAY + " s"));
        HBox transport = new HBox(4, back, play, forward, stop, new Region(), speed, speedText);
        HBox.setHgrow(transport.getChildren().get(4), Priority.ALWAYS);
        transport.setAlignment(Pos.CENTER_LEFT);

        scrubber.setId("animation-scrubber");
        scrubber.setMaxWidth(Double.MAX_VALUE);
        scrubber.maxProperty().bind(Bindings.createDoubleBinding(() -> Math.max(c.durationProperty().get(), 1e-12),
                c.durationProperty()));
        c.timeProperty().addListener((o, a, t) -> {
            syncing = true;
            try {
                scrubber.setValue(t.doubleValue());
            } finally {
                syncing = false;
            }
        });
        scrubber.valueProperty().addListener((o, a, v) -> {
            if (!syncing) {
                c.scrub(v.doubleValue());
            }
        });

        Label time = new Label();
        time.setId("animation-time");
        time.textProperty().bind(c.timeTextProperty());
        time.setMinWidth(Region.USE_PREF_SIZE);
        Label stage = new Label();
        stage.setId("animation-stage");
        stage.textProperty().bind(c.stageTextProperty());
        stage.getStyleClass().add(Styles.TEXT_MUTED);
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox labels = new HBox(8, stage, gap, time);
        labels.getStyleClass().add(Styles.TEXT_SMALL);

        Label heading = new Label("Animation");
        heading.getStyleClass().addAll(Styles.TEXT_BOLD, "panel-heading");
        // Why Play is disabled, in words: a disabled button shows no tooltip.
        Label unavailable = new Label();
        unavailable.setId("animation-unavailable");
        unavailable.textProperty().bind(c.unavailableProperty());
        unavailable.setWrapText(true);
        unavailable.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.WARNING);
        unavailable.visibleProperty().bind(c.unavailableProperty().isNotEmpty());
        unavailable.managedProperty().bind(unavailable.visibleProperty());
        getChildren().addAll(heading, unavailable, transport, scrubber, labels);
        for (javafx.scene.Node n : List.of(transport, scrubber, labels)) {
            n.disableProperty().bind(c.timelineProperty().isNull());
        }

        // The clock: wall time between pulses, only while playing.
        AnimationTimer timer = new AnimationTimer() {
            private long last = -1;

            @Override
            public void handle(long now) {
                if (last >= 0) {
                    c.advance(now - last);
                }
                last = now;
            }

            @Override
            public void stop() {
                super.stop();
                last = -1;
            }
        };
        c.playingProperty().addListener((o, a, on) -> {
            if (on) {
                timer.start();
            } else {
                timer.stop();
            }
        });
    }

    // 12 × 12 icons: the font may lack the media symbols.
    private static final String PLAY = "M2 0 L12 6 L2 12 Z";
    private static final String PAUSE = "M1 0 H5 V12 H1 Z M7 0 H11 V12 H7 Z";
    private static final String STEP_BACK = "M0 0 H2 V12 H0 Z M12 0 V12 L3 6 Z";
    private static final String STEP_FORWARD = "M0 0 L9 6 L0 12 Z M10 0 H12 V12 H10 Z";
    private static final String STOP = "M1 1 H11 V11 H1 Z";

    private static SVGPath icon(String path, boolean onAccent) {
        SVGPath p = new SVGPath();
        p.setContent(path);
        p.setStyle(onAccent ? "-fx-fill: -color-fg-emphasis;" : "-fx-fill: -color-fg-default;");
        return p;
    }

    private static Button button(String id, String path, String tip) {
        Button b = new Button();
        b.setGraphic(icon(path, false));
        b.getStyleClass().add(Styles.BUTTON_ICON);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    public Slider scrubber() {
        return scrubber;
    }

    public AnimationController controller() {
        return c;
    }
}
