package canopy.ui;

import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

/** The system clipboard as text; tests use {@link #inMemory()}. */
public interface TextClipboard {
    String getText();

    void putText(String text);

    /** The system clipboard (FX thread only). */
    static TextClipboard system() {
        return new TextClipboard() {
            @Override
            public String getText() {
                Clipboard c = Clipboard.getSystemClipboard();
                return c.hasString() ? c.getString() : null;
            }

            @Override
            public void putText(String text) {
                ClipboardContent content = new ClipboardContent();
                content.putString(text);
                Clipboard.getSystemClipboard().setContent(content);
            }
        };
    }

    static TextClipboard inMemory() {
        return new TextClipboard() {
            private String text;

            @Override
            public String getText() {
                return text;
            }

            @Override
            public void putText(String t) {
                text = t;
            }
        };
    }
}
