package canopy.ui.dialog;

import canopy.model.Topology;
import canopy.ui.panels.TemplateDialog;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The real {@link Dialogs}: file choosers, alerts and the template dialog, owned by the main window. */
public final class FxDialogs implements Dialogs {
    private final Supplier<Window> owner;

    public FxDialogs(Supplier<Window> owner) {
        this.owner = owner;
    }

    private FileChooser chooser(FileKind kind, Path initialDirectory) {
        FileChooser c = new FileChooser();
        c.setTitle(kind.title());
        for (FileType t : kind.types()) {
            c.getExtensionFilters().add(new FileChooser.ExtensionFilter(t.label(), "*." + t.extension()));
        }
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("All files", "*.*"));
        if (initialDirectory != null && Files.isDirectory(initialDirectory)) {
            c.setInitialDirectory(initialDirectory.toFile());
        }
        return c;
    }

    @Override
    public Optional<Path> chooseFileToOpen(Path initialDirectory, FileKind kind) {
        File f = chooser(kind, initialDirectory).showOpenDialog(owner.get());
        return Optional.ofNullable(f).map(File::toPath);
    }

    @Override
    public Optional<Path> chooseFileToSave(Path initialDirectory, String suggestedName, FileKind kind) {
        FileChooser c = chooser(kind, initialDirectory);
        c.setInitialFileName(suggestedName);
        File f = c.showSaveDialog(owner.get());
        if (f == null) {
            return Optional.empty();
        }
        // A name typed without an extension gets the chosen filter's (the extension picks the format).
        Path p = f.toPath();
        FileChooser.ExtensionFilter chosen = c.getSelectedExtensionFilter();
        if (!p.getFileName().toString().contains(".") && chosen != null
                && chosen.getExtensions().get(0).startsWith("*.") && !chosen.getExtensions().get(0).equals("*.*")) {
            p = p.resolveSibling(p.getFileName() + chosen.getExtensions().get(0).substring(1));
        }
        return Optional.of(p);
    }

    @Override
    public SaveChoice askToSaveChanges(String documentName) {
        ButtonType save = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType dontSave = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        ButtonType cancel = new ButtonType("Cancel", ButtonBar.ButtonData.CANCEL_CLOSE);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, "Your changes will be lost if you don't save them.",
                save, dontSave, cancel);
        a.setHeaderText("Save changes to " + documentName + "?");
        a.setTitle("Unsaved changes");
        a.initOwner(owner.get());
        ButtonType answer = a.showAndWait().orElse(cancel);
        return answer == save ? SaveChoice.SAVE : answer == dontSave ? SaveChoice.DONT_SAVE : SaveChoice.CANCEL;
    }

    @Override
    public void showInfo(String header, String message) {
        Alert a = new Alert(Alert.AlertType.INFORMATION, message);
        a.setHeaderText(header);
        a.setTitle("Canopy");
        a.initOwner(owner.get());
        a.getDialogPane().setMinWidth(520);
        a.showAndWait();
    }

    @Override
    public void showError(String header, String message) {
        Alert a = new Alert(Alert.AlertType.ERROR, message);
        a.setHeaderText(header);
        a.setTitle("Canopy");
        a.initOwner(owner.get());
        a.showAndWait();
    }

    @Override
    public boolean offerRecovery(String message) {
        ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
        Alert a = new Alert(Alert.AlertType.CONFIRMATION, message, restore, discard);
        a.setHeaderText("Restore unsaved work?");
        a.setTitle("Canopy");
        a.initOwner(owner.get());
        return a.showAndWait().orElse(discard) == restore;
    }

    @Override
    public Optional<Topology> chooseTemplate() {
        return new TemplateDialog(owner.get()).showAndWait();
    }
}
