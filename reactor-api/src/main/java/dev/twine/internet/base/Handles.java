package dev.twine.internet.base;

import dev.twine.spi.SelectableHandle;
import java.io.IOException;
import java.lang.System.Logger.Level;

/**
 * Closing a handle that nobody will use again: a socket a port failed to set up, a port's socket at its
 * close, an accepted client nobody will serve. The descriptor is gone as far as the process is concerned
 * whatever {@code close} reports (close(2) says not to retry), so a failure is only logged, at debug
 * level, with the owner's log prefix.
 *
 * <p>Stateless and thread-safe; each handle is closed on the thread that owns it.
 */
public final class Handles {
    private static final System.Logger LOG = System.getLogger(Handles.class.getName());

    private Handles() {
    }

    /** Closes {@code handle} if it is not null; an {@link IOException} is logged under {@code logPrefix}. */
    public static void closeQuietly(SelectableHandle handle, String logPrefix) {
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, logPrefix + ": close failed: " + e.getMessage());
        }
    }
}
