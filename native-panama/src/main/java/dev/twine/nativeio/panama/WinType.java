package dev.twine.nativeio.panama;

import java.lang.foreign.ValueLayout;

/**
 * The C types of the Win64 prototypes Twine binds, each with the Java layout that carries it under the
 * Windows x64 calling convention. Win64 is LLP64: {@code HANDLE}, {@code SOCKET}, {@code ULONG_PTR} and
 * pointers are 8 bytes ({@code JAVA_LONG}), while {@code LONG}, {@code ULONG}, {@code DWORD}, {@code BOOL}
 * and {@code int} are 4 ({@code JAVA_INT}); so the C {@code long} of {@code ioctlsocket}'s {@code cmd} is a
 * Java {@code int} here, unlike on Linux.
 *
 * <p>Pointers travel as {@code JAVA_LONG}, as in {@link Downcalls}: the Windows x64 convention passes an
 * 8-byte integer and a pointer in the same registers (RCX, RDX, R8, R9, then 8-byte stack slots), and
 * the call interfaces carry addresses as {@code long}.
 *
 * <p>{@link #sizeKey()} names the line of {@code .ci/wine/layout.c} that prints the C compiler's
 * {@code sizeof} for the type, so that a test compares every layout here with mingw-w64's headers.
 */
enum WinType {
    HANDLE(ValueLayout.JAVA_LONG),
    SOCKET(ValueLayout.JAVA_LONG),
    ULONG_PTR(ValueLayout.JAVA_LONG),
    /** Any data pointer ({@code LPOVERLAPPED}, {@code PULONG}, {@code char *}, ...). */
    POINTER(ValueLayout.JAVA_LONG),
    DWORD(ValueLayout.JAVA_INT),
    ULONG(ValueLayout.JAVA_INT),
    BOOL(ValueLayout.JAVA_INT),
    INT(ValueLayout.JAVA_INT),
    /** The C {@code long}: 4 bytes on Win64. */
    C_LONG(ValueLayout.JAVA_INT),
    NTSTATUS(ValueLayout.JAVA_INT),
    ACCESS_MASK(ValueLayout.JAVA_INT),
    GROUP(ValueLayout.JAVA_INT),
    WORD(ValueLayout.JAVA_SHORT),
    UCHAR(ValueLayout.JAVA_BYTE);

    private final ValueLayout layout;

    WinType(ValueLayout layout) {
        this.layout = layout;
    }

    /** The layout a descriptor uses for this type. */
    ValueLayout layout() {
        return layout;
    }

    /** The oracle's name for {@code sizeof} of this type ({@code DWORD_SIZE}, {@code POINTER_SIZE}). */
    String sizeKey() {
        return name() + "_SIZE";
    }
}
