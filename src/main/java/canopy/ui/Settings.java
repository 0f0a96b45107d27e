package canopy.ui;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/**
 * What the designer remembers between runs: theme, window bounds, recent files, grid and snap. Backed
 * by {@link Preferences} under the user node "dev/canopy", or by a map in tests.
 */
public final class Settings {
    public static final int MAX_RECENT = 10;

    /** Key-value storage. */
    public interface Store {
        String get(String key);

        void put(String key, String value);

        void flush();
    }

    private final Store store;

    public Settings(Store store) {
        this.store = store;
    }

    /** The user's preferences node for Canopy. */
    public static Settings preferences() {
        Preferences p = Preferences.userRoot().node("dev/canopy");
        return new Settings(new Store() {
            @Override
            public String get(String key) {
                return p.get(key, null);
            }

            @Override
            public void put(String key, String value) {
                if (value == null) {
                    p.remove(key);
                } else {
                    p.put(key, value);
                }
            }

            @Override
            public void flush() {
                try {
                    p.flush();
                } catch (BackingStoreException e) {
                    System.err.println("canopy: could not save settings: " + e.getMessage());
                }
            }
        });
    }

    /** Settings held in memory only: for tests. */
    public static Settings inMemory() {
        Map<String, String> m = new HashMap<>();
        return new Settings(new Store() {
            @Override
            public String get(String key) {
                return m.get(key);
            }

            @Override
            public void put(String key, String value) {
                if (value == null) {
                    m.remove(key);
                } else {
                    m.put(key, value);
                }
            }

            @Override
            public void flush() {
            }
        });
    }

    public Theme theme() {
        return "dark".equals(store.get("theme")) ? Theme.DARK : Theme.LIGHT;
    }

    public void setTheme(Theme t) {
        store.put("theme", t == Theme.DARK ? "dark" : "light");
    }

    /** x, y, width, height of the window when last closed. */
    public Optional<double[]> windowBounds() {
        String s = store.get("window");
        if (s == null) {
            return Optional.empty();
        }
        String[] parts = s.split(",");
        if (parts.length != 4) {
            return Optional.empty();
        }
        double[] b = new double[4];
        try {
            for (int i = 0; i < 4; i++) {
                b[i] = Double.parseDouble(parts[i]);
                if (!Double.isFinite(b[i])) {
                    return Optional.empty();
                }
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return b[2] >= 200 && b[3] >= 150 ? Optional.of(b) : Optional.empty();
    }

    public void setWindowBounds(double x, double y, double width, double height) {
        store.put("window", x + "," + y + "," + width + "," + height);
    }

    public boolean maximized() {
        return "true".equals(store.get("maximized"));
    }

    public void setMaximized(boolean m) {
        store.put("maximized", Boolean.toString(m));
    }

    /** Most recent first, at most {@link #MAX_RECENT}. */
    public List<Path> recentFiles() {
        List<Path> out = new ArrayList<>();
        String s = store.get("recent");
        if (s == null || s.isEmpty()) {
            return out;
        }
        for (String line : s.split("\n")) {
            try {
                if (!line.isBlank() && out.size() < MAX_RECENT) {
                    out.add(Path.of(line));
                }
            } catch (InvalidPathException e) {
                // a path from another system: skip it
            }
        }
        return out;
    }

    public void setRecentFiles(List<Path> files) {
        StringBuilder b = new StringBuilder();
        for (Path p : files.subList(0, Math.min(MAX_RECENT, files.size()))) {
            if (b.length() > 0) {
                b.append('\n');
            }
            b.append(p.toAbsolutePath());
        }
        store.put("recent", b.toString());
    }

    public boolean showGrid() {
        return !"false".equals(store.get("grid"));
    }

    public void setShowGrid(boolean on) {
        store.put("grid", Boolean.toString(on));
    }

    public boolean snapToGrid() {
        return "true".equals(store.get("snap"));
    }

    public void setSnapToGrid(boolean on) {
        store.put("snap", Boolean.toString(on));
    }

    public void flush() {
        store.flush();
    }
}
