package canopy.ui.schedule;

import canopy.engine.NcclGraphSchedule;
import canopy.render.ScheduleOverlay;
import canopy.render.ScheduleOverlays;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Which of an imported schedule's channels (NCCL's, from a graph dump) the diagram draws: none, all,
 * or one; and the sentence on where that schedule loses bandwidth. Empty (no choices) for a schedule
 * Canopy computed. Call on the FX thread.
 */
public final class ChannelChoices {
    /** One entry of the chooser: its text and the channels (positions in the import's list) it draws. */
    public record Choice(String label, List<Integer> indices) {
        public Choice {
            indices = List.copyOf(indices);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** The entry that draws no channel (the congestion view or the trees show alone). */
    public static final Choice NONE = new Choice("No channel drawn", List.of());

    private List<NcclGraphSchedule.Channel> channels = List.of();
    private final ObservableList<Choice> choices = FXCollections.observableArrayList();
    private final ObjectProperty<Choice> chosen = new SimpleObjectProperty<>(this, "chosen", NONE);
    private final ReadOnlyStringWrapper finding = new ReadOnlyStringWrapper(this, "finding", "");

    /** Offers these channels, none drawn yet; the finding is cleared until {@link #setFinding}. */
    void set(List<NcclGraphSchedule.Channel> imported) {
        channels = List.copyOf(imported);
        List<Choice> list = new ArrayList<>();
        if (!channels.isEmpty()) {
            list.add(NONE);
            list.add(new Choice("All " + channels.size() + " channels",
                    IntStream.range(0, channels.size()).boxed().toList()));
            for (int i = 0; i < channels.size(); i++) {
                list.add(new Choice(channels.get(i).label(), List.of(i)));
            }
        }
        chosen.set(NONE);
        choices.setAll(list);
        finding.set("");
    }

    /** No channels: a schedule computed by Canopy is shown. */
    void clear() {
        set(List.of());
    }

    /** The sentence on where the imported schedule loses bandwidth against the optimum. */
    public void setFinding(String sentence) {
        finding.set(sentence == null ? "" : sentence);
    }

    public ReadOnlyStringProperty findingProperty() {
        return finding.getReadOnlyProperty();
    }

    public ObservableList<Choice> choices() {
        return choices;
    }

    /** The entry drawn; set it to draw another (an entry not offered draws nothing). */
    public ObjectProperty<Choice> chosenProperty() {
        return chosen;
    }

    /** The chosen channels as the overlay draws them, each in the colour of its place in the import. */
    List<ScheduleOverlay.Channel> shown() {
        Choice c = chosen.get();
        if (c == null || !choices.contains(c)) {
            return List.of();
        }
        List<ScheduleOverlay.Channel> out = new ArrayList<>();
        for (int i : c.indices()) {
            out.add(ScheduleOverlays.channel(channels, i));
        }
        return out;
    }
}
