package canopy.ui;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the designer window for the jar's entry point (no arguments) and for {@code canopy designer}.
 * Its signature names no JavaFX type, so a caller loads JavaFX only when it actually calls
 * {@link #launch}; that keeps the rest of the command line free of the toolkit.
 */
public final class DesignerLauncher {
    /**
     * JavaFX warns on every start that it was loaded from the class path rather than as modules, which is
     * how a single runnable jar carries it; kept here so the logger level is not garbage-collected.
     */
    private static final Logger JAVAFX_LOGGER = Logger.getLogger("javafx");

    private DesignerLauncher() {
    }

    /**
     * Opens the designer window and returns when it closes. parameters go to the application as
     * JavaFX named parameters: --file=PATH, --theme=light|dark, --show-cut=true.
     */
    public static void launch(String... parameters) {
        JAVAFX_LOGGER.setLevel(Level.SEVERE);
        try {
            javafx.application.Application.launch(CanopyApp.class, parameters);
        } catch (RuntimeException e) {
            System.err.println("canopy: cannot open the designer window: " + e.getMessage());
            if ("1".equals(System.getenv("CANOPY_DEBUG"))) {
                e.printStackTrace();
            } else {
                System.err.println("canopy: is there a display? The command line needs none: canopy --help"
                        + " (CANOPY_DEBUG=1 shows the stack trace)");
            }
            System.exit(1);
        }
    }
}
