package canopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class MainTest {
    /** Loads every class itself (not from its parent) and records each name asked for. */
    static final class RecordingLoader extends URLClassLoader {
        final List<String> requested = Collections.synchronizedList(new ArrayList<>());

        RecordingLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            requested.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void theCommandLineLoadsNoJavaFxClass() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        PrintStream stdout = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (RecordingLoader loader = new RecordingLoader(urls.toArray(URL[]::new))) {
            Class<?> main = loader.loadClass("canopy.Main");
            assertEquals(loader, main.getClassLoader(), "canopy.Main must come from the recording loader");
            Method run = main.getDeclaredMethod("runCommandLine", String[].class);
            run.setAccessible(true);
            System.setOut(new PrintStream(captured, true));
            int code = (int) run.invoke(null, (Object) new String[] {"--help"});
            System.setOut(stdout);

            assertEquals(0, code);
            assertTrue(captured.toString().contains("Usage: canopy"), captured.toString());
            assertTrue(loader.requested.contains("picocli.CommandLine"), "the loader saw the CLI load");
            List<String> fx = loader.requested.stream()
                    .filter(n -> n.startsWith("javafx.") || n.startsWith("com.sun.javafx.") || n.startsWith("canopy.ui."))
                    .toList();
            assertEquals(List.of(), fx);
        } finally {
            System.setOut(stdout);
        }
    }
}
