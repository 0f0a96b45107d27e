package canopy.engine;

import canopy.model.Collective;
import canopy.model.Schedule;
import canopy.model.Topology;

import java.util.Set;

/**
 * One way of building a collective schedule, behind the narrow interface every front end uses (the
 * {@code schedule} and {@code compare} commands, the Schedule panel, comparisons): a name, the
 * collectives and options it accepts, and {@link #build} with progress and cancellation. Front ends
 * never call this directly but go through {@link Schedulers#run}, which checks the collective and the
 * options and fills in the bound, so those rules live in one place.
 *
 * <p>Adding an algorithm: one class implementing this, and one line in {@link Schedulers#ALL}.
 */
public interface CollectiveScheduler {
    /** The options a scheduler may accept; {@link Schedulers#run} refuses one it does not. */
    enum Option {
        /** {@link Request#maxTreesPerRoot()}: at most so many trees per root. */
        MAX_TREES_PER_ROOT,
        /** {@link Request#messageBytes()}: the buffer size the schedule is chosen for. */
        MESSAGE_SIZE
    }

    /**
     * What to build. maxTreesPerRoot: 0 is no limit; messageBytes: 0 is unspecified. A non-default value
     * is an option the scheduler must accept.
     */
    record Request(long maxTreesPerRoot, long messageBytes) {
        public static final Request DEFAULT = new Request(0, 0);

        public Request {
            if (maxTreesPerRoot < 0) {
                throw new IllegalArgumentException("at most 0 (no limit) or more trees per root, not " + maxTreesPerRoot);
            }
            if (messageBytes < 0) {
                throw new IllegalArgumentException("a message size is positive, not " + messageBytes);
            }
        }

        public static Request ofMessage(long bytes) {
            return new Request(0, bytes);
        }
    }

    /** The name the CLI's --algorithm and the panel's list use. */
    String name();

    /** One line for help texts. */
    String description();

    Set<Collective> collectives();

    default boolean supports(Collective c) {
        return collectives().contains(c);
    }

    default Set<Option> options() {
        return Set.of();
    }

    /**
     * The schedule of c on a valid topology t (see canopy.io's validator), c among {@link #collectives()}.
     * The schedule's bound may be left null; {@link Schedulers#run} fills it. Reports to and stops on p
     * (CancelledException).
     */
    ScheduleResult build(Topology t, Collective c, Request request, Progress p);
}
