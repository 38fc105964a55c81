package dev.twine.nativeio.panama;

import dev.twine.nativeio.windows.Win64Oracle;
import dev.twine.nativeio.windows.WinLayout;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.twine.nativeio.panama.WinType.DWORD;
import static dev.twine.nativeio.panama.WinType.HANDLE;
import static dev.twine.nativeio.panama.WinType.NTSTATUS;
import static dev.twine.nativeio.panama.WinType.POINTER;
import static dev.twine.nativeio.panama.WinType.UCHAR;
import static dev.twine.nativeio.panama.WinType.ULONG;
import static dev.twine.nativeio.panama.WinType.ULONG_PTR;
import static dev.twine.nativeio.panama.WinType.WORD;
import static java.lang.foreign.MemoryLayout.PathElement.groupElement;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Panama binding's view of the Win64 ABI against the C compiler's: the same mingw-w64 oracle
 * ({@link Win64Oracle}, run under Wine here) that {@code WinLayoutTest} holds the shared {@link WinLayout}
 * offsets to. Two checks:
 * <ul>
 *   <li>every {@link WinType} a descriptor uses has the size {@code sizeof} gives its C type;</li>
 *   <li>every structure the IOCP backend reads or writes, declared field by field as C declares it with
 *       those same {@link WinType} layouts and Panama's natural alignment ({@link #struct}), has the
 *       offsets and size the compiler gives it, and so the ones {@link WinLayout} states.</li>
 * </ul>
 * The binding itself passes the structures' addresses only; the structures are written through
 * {@link WinLayout}'s offsets by code both bindings share. So a disagreement here means a {@link WinType}
 * carries a C type with the wrong width or alignment.
 */
class Win64LayoutTest {

    /** {@code LARGE_INTEGER}: a union around a {@code LONGLONG}; a structure field, never a parameter. */
    private static final ValueLayout LARGE_INTEGER = ValueLayout.JAVA_LONG;

    @Test
    void everyCTypeTheDescriptorsUseHasTheCompilersSize() throws Exception {
        Map<String, Long> oracle = Win64Oracle.values();
        List<String> problems = new ArrayList<>();
        for (WinType type : WinType.values()) {
            Long c = oracle.get(type.sizeKey());
            if (c == null || c != type.layout().byteSize()) {
                problems.add(type + ": Panama " + type.layout().byteSize() + ", C " + c);
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everyStructureHasTheCompilersOffsetsAndSize() throws Exception {
        Map<String, Long> oracle = Win64Oracle.values();
        List<String> problems = new ArrayList<>();
        for (StructLayout s : structures()) {
            String name = s.name().orElseThrow();
            check(problems, name + "_SIZE", s.byteSize(), oracle);
            for (MemoryLayout field : s.memberLayouts()) {
                if (field.name().isPresent()) {
                    String key = name + "_" + field.name().get();
                    check(problems, key, s.byteOffset(groupElement(field.name().get())), oracle);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theStructuresAgreeWithTheSharedOffsetTable() throws Exception {
        for (StructLayout s : structures()) {
            String name = s.name().orElseThrow();
            assertEquals(WinLayout.class.getField(name + "_SIZE").getInt(null), s.byteSize(), name);
        }
    }

    /** The C declarations quoted in {@link WinLayout}, in Panama's terms; field names as the oracle prints them. */
    static List<StructLayout> structures() {
        StructLayout handleInfo = struct("AFD_POLL_HANDLE_INFO",
                field("HANDLE", HANDLE.layout()), field("EVENTS", ULONG.layout()), field("STATUS", NTSTATUS.layout()));
        return List.of(
                struct("OVERLAPPED_ENTRY", field("LP_COMPLETION_KEY", ULONG_PTR.layout()),
                        field("LP_OVERLAPPED", POINTER.layout()), field("INTERNAL", ULONG_PTR.layout()),
                        field("DW_NUMBER_OF_BYTES_TRANSFERRED", DWORD.layout())),
                struct("IO_STATUS_BLOCK",
                        field("STATUS", MemoryLayout.unionLayout(NTSTATUS.layout(), POINTER.layout())),
                        field("INFORMATION", ULONG_PTR.layout())),
                struct("UNICODE_STRING", field("LENGTH", WORD.layout()), field("MAXIMUM_LENGTH", WORD.layout()),
                        field("BUFFER", POINTER.layout())),
                struct("OBJECT_ATTRIBUTES", field("LENGTH", ULONG.layout()), field("ROOT_DIRECTORY", HANDLE.layout()),
                        field("OBJECT_NAME", POINTER.layout()), field("ATTRIBUTES", ULONG.layout()),
                        field("SECURITY_DESCRIPTOR", POINTER.layout()),
                        field("SECURITY_QUALITY_OF_SERVICE", POINTER.layout())),
                handleInfo,
                struct("AFD_POLL_INFO", field("TIMEOUT", LARGE_INTEGER), field("NUMBER_OF_HANDLES", ULONG.layout()),
                        field("EXCLUSIVE", ULONG.layout()),
                        field("HANDLES", MemoryLayout.sequenceLayout(1, handleInfo))),
                struct("WSABUF", field("LEN", ULONG.layout()), field("BUF", POINTER.layout())),
                struct("SOCKADDR_IN", field("SIN_FAMILY", WORD.layout()), field("SIN_PORT", WORD.layout()),
                        field("SIN_ADDR", ULONG.layout()),
                        // sin_zero: no offset printed, and nothing reads it.
                        MemoryLayout.sequenceLayout(8, UCHAR.layout())),
                struct("SOCKADDR_IN6", field("SIN6_FAMILY", WORD.layout()), field("SIN6_PORT", WORD.layout()),
                        field("SIN6_FLOWINFO", ULONG.layout()),
                        field("SIN6_ADDR", MemoryLayout.sequenceLayout(16, UCHAR.layout())),
                        field("SIN6_SCOPE_ID", ULONG.layout())),
                struct("LINGER", field("L_ONOFF", WORD.layout()), field("L_LINGER", WORD.layout())));
    }

    private static MemoryLayout field(String name, MemoryLayout layout) {
        return layout.withName(name);
    }

    /**
     * A structure as a C compiler lays it out: each field at the next multiple of its alignment, the
     * whole padded to a multiple of the largest alignment. {@link MemoryLayout#structLayout} refuses a
     * misaligned field, so this also checks that the padding C inserts is where Panama expects it.
     */
    static StructLayout struct(String name, MemoryLayout... fields) {
        List<MemoryLayout> members = new ArrayList<>();
        long offset = 0;
        long alignment = 1;
        for (MemoryLayout f : fields) {
            long a = f.byteAlignment();
            long aligned = (offset + a - 1) / a * a;
            if (aligned > offset) {
                members.add(MemoryLayout.paddingLayout(aligned - offset));
            }
            members.add(f);
            offset = aligned + f.byteSize();
            alignment = Math.max(alignment, a);
        }
        long size = (offset + alignment - 1) / alignment * alignment;
        if (size > offset) {
            members.add(MemoryLayout.paddingLayout(size - offset));
        }
        return MemoryLayout.structLayout(members.toArray(MemoryLayout[]::new)).withName(name);
    }

    private static void check(List<String> problems, String key, long panama, Map<String, Long> oracle) {
        Long c = oracle.get(key);
        if (c == null) {
            problems.add(key + " is not printed by layout.c");
        } else if (c != panama) {
            problems.add(key + ": Panama " + panama + ", C " + c);
        }
    }
}
