package dev.twine.nativeio.windows;

import jnr.ffi.annotations.IgnoreError;
import jnr.ffi.types.uintptr_t;

/**
 * The two ntdll functions behind {@code IOCTL_AFD_POLL} readiness, as both bindings implement them
 * ({@link dev.twine.nativeio.binding.NativeBinding#ntdll()}).
 *
 * <p>The annotations are jnr-ffi's: it reads the C widths and the error capture from them when it
 * generates this interface's implementation. The Panama binding ({@code PanamaNtDll} in
 * {@code twine-native-panama}) ignores them and states the same widths in its function descriptors; a
 * JVM that never loads jnr-ffi never resolves them (absent annotation types are skipped by the JVM).
 *
 * <p>NT calls return an {@code NTSTATUS} and do not set the thread's last error, hence
 * {@code @IgnoreError}. Handles and addresses are {@code @uintptr_t long} (see {@link Kernel32}).
 * Stateless and thread-safe.
 */
public interface NtDll {

    /**
     * {@code NTSTATUS NtCreateFile(PHANDLE FileHandle, ACCESS_MASK DesiredAccess, POBJECT_ATTRIBUTES
     * ObjectAttributes, PIO_STATUS_BLOCK IoStatusBlock, PLARGE_INTEGER AllocationSize, ULONG FileAttributes,
     * ULONG ShareAccess, ULONG CreateDisposition, ULONG CreateOptions, PVOID EaBuffer, ULONG EaLength)}.
     * Used once per AFD helper handle ({@code \Device\Afd\Twine}).
     */
    @IgnoreError
    int NtCreateFile(@uintptr_t long fileHandleOut, int desiredAccess, @uintptr_t long objectAttributes,
                     @uintptr_t long ioStatusBlock, @uintptr_t long allocationSize, int fileAttributes,
                     int shareAccess, int createDisposition, int createOptions, @uintptr_t long eaBuffer,
                     int eaLength);

    /**
     * {@code NTSTATUS NtDeviceIoControlFile(HANDLE FileHandle, HANDLE Event, PIO_APC_ROUTINE ApcRoutine,
     * PVOID ApcContext, PIO_STATUS_BLOCK IoStatusBlock, ULONG IoControlCode, PVOID InputBuffer,
     * ULONG InputBufferLength, PVOID OutputBuffer, ULONG OutputBufferLength)}.
     *
     * <p>With the handle associated with a completion port, a call that returns {@code STATUS_PENDING} or
     * {@code STATUS_SUCCESS} queues one packet whose {@code lpOverlapped} is {@code apcContext}; the kernel
     * writes {@code ioStatusBlock} and the output buffer until then, so both must stay allocated.
     */
    @IgnoreError
    int NtDeviceIoControlFile(@uintptr_t long fileHandle, @uintptr_t long event, @uintptr_t long apcRoutine,
                              @uintptr_t long apcContext, @uintptr_t long ioStatusBlock, int ioControlCode,
                              @uintptr_t long inputBuffer, int inputLength, @uintptr_t long outputBuffer,
                              int outputLength);
}
