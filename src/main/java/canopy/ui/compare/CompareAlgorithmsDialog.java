package canopy.ui.compare;

import canopy.engine.Schedulers;
import canopy.model.Collective;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.stage.Window;

/**
 * Analysis › Compare Algorithms…: a collective and two or more algorithms, and, when the Schedule panel
 * shows an imported schedule (NCCL's, from a graph dump), that schedule beside them.
 */
public final class CompareAlgorithmsDialog {
    /** The answer: withImported when the imported schedule is to be compared too. */
    public record Choice(Collective collective, List<String> algorithms, boolean withImported) {
        public Choice {
            algorithms = List.copyOf(algorithms);
        }
    }

    /** An imported schedule the dialog can add: what it is called and the collective it runs. */
    public record Imported(String label, Collective collective) {
    }

    private CompareAlgorithmsDialog() {
    }

    /** imported: the schedule the panel shows when it was imported, or null. */
    public static Optional<Choice> ask(Window owner, Collective initial, Imported imported) {
        Dialog<Choice> d = new Dialog<>();
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle("Compare Algorithms");
        d.setHeaderText("Schedule the current topology with each algorithm and compare them.");
        ChoiceBox<Collective> collective = new ChoiceBox<>();
        collective.setId("compare-collective");
        collective.getItems().setAll(Collective.values());
        collective.setValue(initial == null ? Collective.ALLREDUCE : initial);
        List<CheckBox> boxes = new ArrayList<>();
        HBox algos = new HBox(12);
        for (String a : Schedulers.names()) {
            CheckBox b = new CheckBox(a);
            b.setId("compare-algorithm-" + a);
            // auto is chosen per message size; compared at its default size only when asked for
            b.setSelected(!Schedulers.get(a).options().contains(canopy.engine.CollectiveScheduler.Option.MESSAGE_SIZE));
            boxes.add(b);
            algos.getChildren().add(b);
        }
        Runnable supported = () -> {
            for (CheckBox b : boxes.subList(0, Schedulers.names().size())) {
                boolean ok = Schedulers.get(b.getText()).supports(collective.getValue());
                b.setDisable(!ok);
                if (!ok) {
                    b.setSelected(false);
                }
            }
        };
        // the imported schedule runs one collective: offered for that one only
        CheckBox mine = new CheckBox(imported == null ? "" : imported.label() + " (imported)");
        mine.setId("compare-imported");
        mine.setSelected(imported != null);
        if (imported != null) {
            boxes.add(mine);
            algos.getChildren().add(mine);
        }
        Runnable fits = () -> {
            boolean ok = imported != null && imported.collective() == collective.getValue();
            mine.setDisable(!ok);
            if (!ok) {
                mine.setSelected(false);
            }
        };
        collective.valueProperty().addListener((o, a, b) -> {
            supported.run();
            fits.run();
        });
        supported.run();
        fits.run();
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(10);
        g.setPadding(new Insets(10));
        g.addRow(0, new Label("Collective"), collective);
        g.addRow(1, new Label("Algorithms"), algos);
        d.getDialogPane().setContent(g);
        d.getDialogPane().getButtonTypes().setAll(ButtonType.OK, ButtonType.CANCEL);
        var ok = d.getDialogPane().lookupButton(ButtonType.OK);
        Runnable enough = () -> ok.setDisable(boxes.stream().filter(CheckBox::isSelected).count() < 2);
        boxes.forEach(b -> b.selectedProperty().addListener((o, x, y) -> enough.run()));
        enough.run();
        d.setResultConverter(bt -> bt == ButtonType.OK ? new Choice(collective.getValue(),
                boxes.stream().filter(b -> b != mine && b.isSelected()).map(CheckBox::getText).toList(),
                mine.isSelected()) : null);
        return d.showAndWait();
    }
}
