package canopy.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** --progress, for the commands whose engine work can run long enough to want stage lines on stderr. */
final class ProgressOption {
    /** The command this option is mixed into: its stderr is where the progress goes. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--progress", description = "Print progress on stderr (default: only on a terminal).")
    boolean progress;

    /** Progress on the command's stderr: on with --progress, otherwise only on a terminal. */
    StderrProgress toStderr() {
        return StderrProgress.forCommand(command.commandLine().getErr(), progress);
    }
}
