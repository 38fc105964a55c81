package dev.twine.examples;

/** A command line that cannot be run: the launcher prints the message and the program's usage, exit 2. */
public final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
