package canopy.ui.dialog;

import canopy.model.Topology;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every question the designer asks its user, behind one interface so that the view-model is tested
 * with stubs and no window ({@link FxDialogs} is the real one).
 */
public interface Dialogs {
    /** The answer to "save your changes?". */
    enum SaveChoice { SAVE, DONT_SAVE, CANCEL }

    /**
     * What a file dialog asks for: its title and the file types it offers, each a description and its
     * extensions without the dot ("png"); the first type is the one chosen first.
     */
    record FileKind(String title, List<FileType> types) {
        public FileKind {
            types = List.copyOf(types);
        }

        public static FileKind of(String title, String description, String extension) {
            return new FileKind(title, List.of(new FileType(description, extension)));
        }
    }

    /** One file type of a dialog's filter: "PNG image" and "png" show as "PNG image (*.png)". */
    record FileType(String description, String extension) {
        public String label() {
            return description + " (*." + extension + ")";
        }
    }

    FileKind TOPOLOGY_OPEN = FileKind.of("Open topology", "Topology", "json");
    FileKind TOPOLOGY_SAVE = FileKind.of("Save topology", "Topology", "json");

    /** Asks for a topology to open. */
    default Optional<Path> chooseFileToOpen(Path initialDirectory) {
        return chooseFileToOpen(initialDirectory, TOPOLOGY_OPEN);
    }

    /** Asks where to save the topology. */
    default Optional<Path> chooseFileToSave(Path initialDirectory, String suggestedName) {
        return chooseFileToSave(initialDirectory, suggestedName, TOPOLOGY_SAVE);
    }

    /** Asks for a file of this kind to read (titled and filtered by kind). */
    Optional<Path> chooseFileToOpen(Path initialDirectory, FileKind kind);

    /** Asks where to write a file of this kind, suggesting suggestedName (titled and filtered by kind). */
    Optional<Path> chooseFileToSave(Path initialDirectory, String suggestedName, FileKind kind);

    /** Asked before unsaved work would be lost. */
    SaveChoice askToSaveChanges(String documentName);

    void showError(String header, String message);

    /** A report the user reads and dismisses (e.g. what an importer assumed). */
    void showInfo(String header, String message);

    /** On start, when an autosaved recovery file exists: true to restore it. */
    boolean offerRecovery(String message);

    /** The New from template… dialog: the generated topology, or empty when cancelled. */
    Optional<Topology> chooseTemplate();
}
