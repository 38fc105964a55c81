package dev.twine.nativeio.panama;

import dev.twine.nativeio.windows.NtDll;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;

import static dev.twine.nativeio.panama.Downcalls.unexpected;

/**
 * {@link NtDll} bound with {@code java.lang.foreign} (prototypes in {@link WinFunction}). NT calls return
 * their {@code NTSTATUS}, so nothing is captured. Loads on any OS, binds on Windows ({@link #load()}).
 * Stateless and thread-safe.
 */
public final class PanamaNtDll implements NtDll {

    /** Bound when first touched ({@link #load()}). */
    private static final class Handles {
        static final MethodHandle NT_CREATE_FILE = WinFunction.NT_CREATE_FILE.bind();
        static final MethodHandle NT_DEVICE_IO_CONTROL_FILE = WinFunction.NT_DEVICE_IO_CONTROL_FILE.bind();
    }

    private PanamaNtDll() {
    }

    /**
     * Binds both ntdll functions.
     *
     * @throws UnsatisfiedLinkError naming the reason off Windows or when a symbol is missing
     */
    static PanamaNtDll load() {
        WinDowncalls.initialize(MethodHandles.lookup(), Handles.class);
        return new PanamaNtDll();
    }

    @Override
    public int NtCreateFile(long fileHandleOut, int desiredAccess, long objectAttributes, long ioStatusBlock,
                            long allocationSize, int fileAttributes, int shareAccess, int createDisposition,
                            int createOptions, long eaBuffer, int eaLength) {
        try {
            return (int) Handles.NT_CREATE_FILE.invokeExact(fileHandleOut, desiredAccess, objectAttributes,
                    ioStatusBlock, allocationSize, fileAttributes, shareAccess, createDisposition, createOptions,
                    eaBuffer, eaLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    @Override
    public int NtDeviceIoControlFile(long fileHandle, long event, long apcRoutine, long apcContext,
                                     long ioStatusBlock, int ioControlCode, long inputBuffer, int inputLength,
                                     long outputBuffer, int outputLength) {
        try {
            return (int) Handles.NT_DEVICE_IO_CONTROL_FILE.invokeExact(fileHandle, event, apcRoutine, apcContext,
                    ioStatusBlock, ioControlCode, inputBuffer, inputLength, outputBuffer, outputLength);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }
}
