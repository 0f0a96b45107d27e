package canopy.io;

/**
 * A topology or schedule that cannot be accepted: malformed JSON, a wrong or missing field, or a
 * topology that breaks a rule of formats.md. The message is one line and names the offending node,
 * link or field; the CLI prints it and exits with status 2.
 */
public class InvalidInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidInputException(String message) {
        super(oneLine(message));
    }

    public InvalidInputException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "invalid input";
        }
        return message.replaceAll("[\\r\\n\\t]+", " ").strip();
    }
}
