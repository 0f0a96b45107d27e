package canopy.ui.dialog;

import canopy.model.Topology;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Every question the designer asks its user, behind one interface so that the view-model is tested
 * with stubs and no window ({@link FxDialogs} is the real one).
 */
public interface Dialogs {
    /** The answer to "save your changes?". */
    enum SaveChoice { SAVE, DONT_SAVE, CANCEL }

    Optional<Path> chooseFileToOpen(Path initialDirectory);

    Optional<Path> chooseFileToSave(Path initialDirectory, String suggestedName);

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
