package canopy;

import canopy.cli.CanopyCommand;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one entry point of target/canopy.jar. With no arguments it opens the designer; with any argument it
 * runs the command line, which never loads a JavaFX class (the UI is only named inside
 * {@link #launchDesigner(String...)}, so the JVM resolves it only when that branch runs).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            launchDesigner();
            return;
        }
        System.exit(runCommandLine(args));
    }

    /** Runs the command line and returns its exit code: 0 success, 1 internal error, 2 bad input. */
    static int runCommandLine(String... args) {
        return CanopyCommand.run(args);
    }

    /**
     * JavaFX warns on every start that it was loaded from the class path rather than as modules, which is
     * how a single runnable jar carries it; kept here so the logger level is not garbage-collected.
     */
    private static final Logger JAVAFX_LOGGER = Logger.getLogger("javafx");

    /**
     * Opens the designer window and returns when it closes. parameters go to the application as
     * JavaFX named parameters: --file=PATH, --theme=light|dark, --show-cut=true.
     */
    public static void launchDesigner(String... parameters) {
        JAVAFX_LOGGER.setLevel(Level.SEVERE);
        try {
            javafx.application.Application.launch(canopy.ui.CanopyApp.class, parameters);
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
