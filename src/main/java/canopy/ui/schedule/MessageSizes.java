package canopy.ui.schedule;

import canopy.io.FigureText;
import canopy.engine.ScheduleAnalyzer;
import java.util.List;

/** The message sizes the panel offers (1 KiB, 4 KiB, … 4 GiB) and how it names them, in binary units. */
public final class MessageSizes {
    private MessageSizes() {
    }

    /** 1 KiB to 4 GiB by factors of 4, as the time model's table. */
    public static List<Long> offered() {
        return canopy.engine.TimeModel.tableSizes();
    }

    /** "1 KiB", "64 MiB", "4 GiB", "1536 B": the largest binary unit that divides the size. */
    public static String format(long bytes) {
        return FigureText.messageSize(bytes);
    }
}
