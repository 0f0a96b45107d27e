package canopy.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

class AtomicFilesTest {
    @TempDir
    Path dir;

    private List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createsThenReplacesLeavingNoTemporaryFiles() throws Exception {
        Path f = dir.resolve("a/b/out.json");
        AtomicFiles.writeString(f, "first \u00e9\n");
        assertEquals("first \u00e9\n", Files.readString(f));
        AtomicFiles.writeString(f, "second");
        assertEquals("second", Files.readString(f));
        AtomicFiles.writeString(f, "");
        assertEquals("", Files.readString(f));
        assertEquals(List.of("out.json"), listing(f.getParent()));
    }

    @Test
    void relativePathInWorkingDirectoryStyle() throws Exception {
        Path f = dir.resolve("x.json");
        AtomicFiles.writeString(f, "{}");
        assertEquals("{}", Files.readString(f));
    }

    @Test
    void keepsPermissionsOfTheReplacedFileAndGivesNewFilesReadableOnes() throws Exception {
        Path f = dir.resolve("p.json");
        if (Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class) == null) {
            return;
        }
        AtomicFiles.writeString(f, "1");
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFiles.writeString(f, "2");
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void failureLeavesTargetAndNoTemporaryFile() throws Exception {
        Path target = dir.resolve("isdir");
        Files.createDirectories(target.resolve("child")); // a non-empty directory cannot be replaced by a file
        assertThrows(IOException.class, () -> AtomicFiles.writeString(target, "x"));
        assertEquals(List.of("isdir"), listing(dir));
    }

    @Test
    void writesBinaryBytesUnchanged() throws Exception {
        Path target = dir.resolve("out.bin");
        byte[] data = {0, (byte) 0x89, 'P', 'N', 'G', (byte) 0xff, 10, 13};
        AtomicFiles.write(target, data);
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, Files.readAllBytes(target));
        assertEquals(List.of("out.bin"), listing(dir));
    }

    @Test
    void contentWrittenAsItGoesReplacesTheFileOnlyWhenItIsComplete() throws Exception {
        Path target = dir.resolve("streamed.txt");
        AtomicFiles.write(target, out -> out.write("whole".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals("whole", Files.readString(target));
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("whole", Files.readString(target));
        assertEquals(List.of("streamed.txt"), listing(dir));
    }
}
