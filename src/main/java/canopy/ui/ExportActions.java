package canopy.ui;

import canopy.ui.dialog.Dialogs;
import canopy.io.ScheduleJson;
import canopy.render.export.DiagramExport;
import canopy.engine.SwitchOnlyTrees;
import canopy.model.Schedule;
import canopy.render.ScheduleOverlay;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.ChoiceDialog;
import javafx.stage.Window;

/**
 * File › Export › Diagram… (PNG, SVG or PDF by the file's extension, with the schedule overlay the
 * screen shows: a tree, the congestion view or an animation frame) and File › Export › Schedule (JSON)…
 * (the shown schedule, written atomically). File choice and errors go through {@link Dialogs}, the PNG
 * scale through a {@link ScaleChooser}, so this is tested without a window.
 */
public final class ExportActions {
    /** The PNG scales offered (× the 1600-unit page). */
    public static final List<Double> SCALES = List.of(1.0, 2.0, 3.0, 4.0);
    /** The diagram's formats; the file's extension chooses one. */
    static final Dialogs.FileKind DIAGRAM = new Dialogs.FileKind("Export diagram",
            java.util.Arrays.stream(DiagramExport.Format.values())
                    .map(f -> new Dialogs.FileType(f.description(), f.extension())).toList());
    static final Dialogs.FileKind SCHEDULE_JSON = Dialogs.FileKind.of("Export schedule", "Schedule JSON", "json");

    /** Asks for the PNG scale: empty when cancelled. */
    @FunctionalInterface
    public interface ScaleChooser {
        Optional<Double> choose(List<Double> offered, double suggested);
    }

    private final MainViewModel vm;
    private final ScaleChooser scales;

    public ExportActions(MainViewModel vm, ScaleChooser scales) {
        this.vm = vm;
        this.scales = scales;
    }

    /** The real scale question: a small choice dialog over owner. */
    public static ScaleChooser askWith(Window owner) {
        return (offered, suggested) -> {
            ChoiceDialog<String> d = new ChoiceDialog<>(label(suggested), offered.stream().map(ExportActions::label).toList());
            d.initOwner(owner);
            d.setTitle("Export Diagram");
            d.setHeaderText("PNG size");
            d.setContentText("Scale (1× is 1600 pixels wide):");
            return d.showAndWait().map(s -> Double.parseDouble(s.substring(0, s.indexOf('×'))));
        };
    }

    static String label(double scale) {
        return (scale == Math.rint(scale) ? String.valueOf((long) scale) : String.valueOf(scale)) + "×";
    }

    /** Writes the diagram with the shown schedule overlay; true when written. */
    public boolean exportDiagram() {
        Optional<Path> file = vm.dialogs().chooseFileToSave(vm.fileDialogDirectory(), vm.documentBaseName() + ".png",
                DIAGRAM);
        if (file.isEmpty()) {
            return false;
        }
        DiagramExport.Format format = DiagramExport.Format.ofFileName(file.get().getFileName().toString());
        if (format == null) {
            vm.dialogs().showError("Could not export " + file.get().getFileName(),
                    "Name the file with " + DiagramExport.Format.extensions() + ": the extension chooses the format.");
            return false;
        }
        double scale = 1;
        if (format.isPixels()) {
            Optional<Double> s = scales.choose(SCALES, 2.0);
            if (s.isEmpty()) {
                return false;
            }
            scale = s.get();
        }
        ScheduleOverlay overlay = vm.schedule().overlayProperty().get();
        double chosenScale = scale;
        return vm.write(file.get(), f -> {
            try {
                DiagramExport.export(vm.document().topology(), overlay, format, chosenScale, f);
            } catch (IllegalArgumentException e) {
                throw new IOException(e.getMessage(), e);
            }
        });
    }

    /** Writes the schedule shown in the Schedule panel as schedule JSON; true when written. */
    public boolean exportScheduleJson() {
        Schedule s = vm.currentScheduleOrExplain();
        if (s == null) {
            return false;
        }
        String suggested = vm.documentBaseName() + "-" + s.collective() + "-" + s.algorithm() + ".json";
        // The file form: an imported NCCL schedule's PXN relays cut as formats.md requires.
        Schedule file = SwitchOnlyTrees.forFile(vm.document().topology(), s);
        return vm.chooseAndWrite(suggested.toLowerCase(Locale.ROOT), SCHEDULE_JSON, f -> ScheduleJson.write(file, f));
    }
}
