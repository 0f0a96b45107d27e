package canopy;

import canopy.cli.CanopyCommand;

/**
 * The one entry point of target/canopy.jar. With no arguments it opens the designer; with any argument it
 * runs the command line, which never loads a JavaFX class (the UI is only named inside
 * canopy.ui.DesignerLauncher, so the JVM resolves it only when that branch runs).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 0) {
            canopy.ui.DesignerLauncher.launch();
            return;
        }
        System.exit(runCommandLine(args));
    }

    /** Runs the command line and returns its exit code: 0 success, 1 internal error, 2 bad input. */
    static int runCommandLine(String... args) {
        return CanopyCommand.run(args);
    }
}
