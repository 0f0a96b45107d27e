package canopy.cli;

/**
 * Input the user can fix: a malformed file, an unknown node, a bad option value. The command line reports
 * its message on one line and exits with status 2, without a stack trace.
 */
public class BadInputException extends RuntimeException {
    public BadInputException(String message) {
        super(message);
    }

    public BadInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
