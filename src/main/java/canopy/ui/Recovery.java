package canopy.ui;

import canopy.io.AtomicFiles;
import canopy.io.InvalidInputException;
import canopy.io.TopologyJson;
import canopy.model.Topology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Autosaved copies of unsaved work: {@code <home>/recovery/<name>.json} (a topology file) beside
 * {@code <name>.origin} (the path of the document's file, empty for an untitled one). Home is the
 * system property {@code canopy.home}, else {@code ~/.canopy}. The copy goes when the work is saved or
 * knowingly discarded; one left behind on the next start means the designer did not end cleanly.
 */
public final class Recovery {
    private final Path dir;
    private Path written;

    public Recovery(Path dir) {
        this.dir = dir;
    }

    /** The recovery folder under {@link #home()}. */
    public static Recovery inHome() {
        return new Recovery(home().resolve("recovery"));
    }

    public static Path home() {
        String h = System.getProperty("canopy.home");
        if (h != null && !h.isBlank()) {
            return Path.of(h);
        }
        return Path.of(System.getProperty("user.home"), ".canopy");
    }

    public Path directory() {
        return dir;
    }

    /** The recovery file this session wrote last, or null. */
    public Path written() {
        return written;
    }

    /** A recovery copy found on start. */
    public record Found(Path file, Path origin, Topology topology, FileTime time) {
    }

    /** Writes t atomically as the recovery copy of the document at origin (null: untitled). */
    public Path write(Topology t, Path origin, String documentName) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(safe(documentName) + ".json");
        if (written != null && !written.equals(target)) {
            delete();
        }
        TopologyJson.write(t, target);
        AtomicFiles.writeString(originFile(target), origin == null ? "" : origin.toAbsolutePath().toString());
        written = target;
        return target;
    }

    /** Deletes this session's recovery copy, if any. */
    public void delete() {
        if (written != null) {
            deleteCopy(written);
            written = null;
        }
    }

    /** Deletes a recovery copy and its origin note. */
    public void deleteCopy(Path file) {
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(originFile(file));
        } catch (IOException e) {
            System.err.println("canopy: could not delete " + file + ": " + e.getMessage());
        }
    }

    /** Adopts a copy found on start as this session's, so that saving or discarding deletes it. */
    public void adopt(Path file) {
        written = file;
    }

    /** The newest readable recovery copy, if any. */
    public Optional<Found> find() throws IOException {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        List<Path> copies;
        try (Stream<Path> s = Files.list(dir)) {
            copies = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(Recovery::modified).reversed()).toList();
        }
        for (Path p : copies) {
            try {
                Topology t = TopologyJson.readUnchecked(p);
                Path origin = null;
                Path note = originFile(p);
                if (Files.isRegularFile(note)) {
                    String o = Files.readString(note).trim();
                    origin = o.isEmpty() ? null : Path.of(o);
                }
                return Optional.of(new Found(p, origin, t, modified(p)));
            } catch (InvalidInputException | RuntimeException e) {
                System.err.println("canopy: skipping unreadable recovery file " + p + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Path originFile(Path copy) {
        String name = copy.getFileName().toString();
        return copy.resolveSibling(name.substring(0, name.length() - ".json".length()) + ".origin");
    }

    /** A file name from a document name: letters, digits, '-', '_', '.'; others become '_'. */
    static String safe(String name) {
        String base = name == null || name.isBlank() ? "untitled" : name;
        if (base.endsWith(".json")) {
            base = base.substring(0, base.length() - 5);
        }
        String s = base.replaceAll("[^A-Za-z0-9._-]", "_");
        if (s.length() > 80) {
            s = s.substring(0, 80);
        }
        return s.isEmpty() || s.startsWith(".") ? "untitled" + s : s;
    }
}
