package canopy.ui;

import canopy.ui.dialog.Dialogs;
import canopy.model.Topology;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Dialogs answered from queues; what was asked is recorded. */
final class StubDialogs implements Dialogs {
    final Deque<Path> toOpen = new ArrayDeque<>();
    final Deque<Path> toSave = new ArrayDeque<>();
    final Deque<SaveChoice> saveChoices = new ArrayDeque<>();
    final Deque<Topology> templates = new ArrayDeque<>();
    boolean restore;
    final List<String> errors = new ArrayList<>();
    final List<String> infos = new ArrayList<>();
    final List<String> asked = new ArrayList<>();
    /** When set, errors are also shown for real (a window test sees the alert). */
    Dialogs showErrorsWith;

    /** The kinds of the file dialogs asked, in order. */
    final List<FileKind> kinds = new ArrayList<>();

    @Override
    public Optional<Path> chooseFileToOpen(Path initialDirectory, FileKind kind) {
        asked.add("open");
        kinds.add(kind);
        return Optional.ofNullable(toOpen.poll());
    }

    @Override
    public Optional<Path> chooseFileToSave(Path initialDirectory, String suggestedName, FileKind kind) {
        asked.add("save as " + suggestedName);
        kinds.add(kind);
        return Optional.ofNullable(toSave.poll());
    }

    @Override
    public SaveChoice askToSaveChanges(String documentName) {
        asked.add("save changes to " + documentName);
        SaveChoice c = saveChoices.poll();
        return c == null ? SaveChoice.CANCEL : c;
    }

    @Override
    public void showInfo(String header, String message) {
        infos.add(header + ": " + message);
    }

    @Override
    public void showError(String header, String message) {
        errors.add(header + ": " + message);
        if (showErrorsWith != null) {
            showErrorsWith.showError(header, message);
        }
    }

    @Override
    public boolean offerRecovery(String message) {
        asked.add("recover: " + message);
        return restore;
    }

    @Override
    public Optional<Topology> chooseTemplate() {
        asked.add("template");
        return Optional.ofNullable(templates.poll());
    }
}
