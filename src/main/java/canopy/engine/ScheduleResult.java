package canopy.engine;

import canopy.model.Schedule;

/**
 * What a {@link CollectiveScheduler} made: the schedule and what the front ends print about how.
 *
 * @param reduceScatterTreesPerRoot forest: trees per root of the reduce-scatter half; 0 where none
 * @param allgatherTreesPerRoot     forest: trees per root of the allgather half; 0 where none
 * @param note                      a line on the choice made (auto: which candidate and why), or ""
 */
public record ScheduleResult(Schedule schedule, long reduceScatterTreesPerRoot, long allgatherTreesPerRoot,
                             String note) {
    public ScheduleResult {
        if (schedule == null) {
            throw new IllegalArgumentException("a result needs a schedule");
        }
        note = note == null ? "" : note;
    }

    public static ScheduleResult of(Schedule schedule) {
        return new ScheduleResult(schedule, 0, 0, "");
    }

    public ScheduleResult withSchedule(Schedule s) {
        return new ScheduleResult(s, reduceScatterTreesPerRoot, allgatherTreesPerRoot, note);
    }

    public ScheduleResult withNote(String n) {
        return new ScheduleResult(schedule, reduceScatterTreesPerRoot, allgatherTreesPerRoot, n);
    }

    /** Trees per root of the larger half (0 for schedules that do not count them). */
    public long treesPerRoot() {
        return Math.max(reduceScatterTreesPerRoot, allgatherTreesPerRoot);
    }
}
