package canopy.io.msccl;

import canopy.engine.SizeBands;
import canopy.engine.SizeRange;
import canopy.engine.TimeModel;
import canopy.io.InvalidInputException;
import canopy.model.Schedule;
import canopy.model.Topology;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of MSCCL files, one per message-size band, that together cover every size. The runtime
 * (msccl-executor-nccl, RCCL) loads every file of its algorithm directory and runs a message with the
 * first file, in path order, whose collective, rank count and minBytes..maxBytes fit it; so files whose
 * bands do not overlap let it run each size with the schedule written for it.
 *
 * <p>{@link #fastest}: the bands where each candidate is fastest by the alpha-beta model
 * ({@link SizeBands}). A candidate that cannot be expressed within the runtime's limits is refused with
 * the exporter's reason, and the bands are chosen again among the rest, so its sizes go to the next
 * fastest that can. {@link #fixed}: bands the user chose, each with its schedule.
 */
public final class MscclBands {
    private MscclBands() {
    }

    /** A schedule that may serve a band: its label (for file names and output) and its time model. */
    public record Candidate(String label, Schedule schedule, TimeModel model) {
    }

    /** One band and its file. */
    public record BandFile(SizeRange range, Candidate candidate, MscclXmlExporter.Result result) {
    }

    /** A candidate the model chose for ranges but that the runtime's limits cannot hold, and why. */
    public record Refused(Candidate candidate, String reason, List<SizeRange> ranges) {
        public Refused {
            ranges = List.copyOf(ranges);
        }
    }

    /** The bands, in size order, tiling [0, ∞); and the candidates refused on the way. */
    public record Outcome(List<BandFile> bands, List<Refused> refused) {
        public Outcome {
            bands = List.copyOf(bands);
            refused = List.copyOf(refused);
        }

        /** The labels of the bands that now serve the sizes r was chosen for, in size order. */
        public List<String> fallbacks(Refused r) {
            Set<String> labels = new LinkedHashSet<>();
            for (SizeRange lost : r.ranges()) {
                for (BandFile b : bands) {
                    if (b.range().fromBytes() < lost.toBytes() && lost.fromBytes() < b.range().toBytes()) {
                        labels.add(b.candidate().label());
                    }
                }
            }
            return List.copyOf(labels);
        }
    }

    /**
     * The fastest candidate per band among those the runtime's limits can hold (options o). Ties go to the
     * earlier candidate. InvalidInputException when none can be expressed, with the first reason.
     */
    public static Outcome fastest(List<Candidate> candidates, Topology t, MscclXmlExporter.Options o)
            throws InvalidInputException {
        List<Candidate> live = new ArrayList<>(candidates);
        Map<Candidate, MscclProgram> programs = new IdentityHashMap<>();
        List<Refused> refused = new ArrayList<>();
        while (true) {
            if (live.isEmpty()) {
                throw new InvalidInputException("no schedule fits MSCCL's limits; "
                        + refused.get(0).candidate().label() + ": " + refused.get(0).reason());
            }
            List<SizeBands.Band> bands = SizeBands.bands(live.stream().map(Candidate::model).toList());
            Refused failed = compileAll(bands, live, t, o, programs);
            if (failed == null) {
                List<BandFile> files = new ArrayList<>();
                for (SizeBands.Band b : bands) {
                    Candidate c = live.get(b.index());
                    files.add(new BandFile(b.range(), c, MscclXmlExporter.result(programs.get(c), b.range())));
                }
                return new Outcome(files, refused);
            }
            refused.add(failed);
            live.remove(failed.candidate());
        }
    }

    /**
     * Compiles each band's candidate not compiled yet; the first that does not fit, with the ranges it
     * held, or null when all do.
     */
    private static Refused compileAll(List<SizeBands.Band> bands, List<Candidate> live, Topology t,
                                      MscclXmlExporter.Options o, Map<Candidate, MscclProgram> programs) {
        for (SizeBands.Band b : bands) {
            Candidate c = live.get(b.index());
            if (programs.containsKey(c)) {
                continue;
            }
            try {
                programs.put(c, MscclCompiler.compile(c.schedule(), t, o));
            } catch (InvalidInputException e) {
                List<SizeRange> held = bands.stream().filter(x -> x.index() == b.index()).map(SizeBands.Band::range)
                        .toList();
                return new Refused(c, e.getMessage(), held);
            }
        }
        return null;
    }

    /**
     * Band i served by perBand.get(i). The ranges must tile [0, ∞) in order (the caller checks the
     * user's list); InvalidInputException naming the band whose schedule does not fit.
     */
    public static Outcome fixed(List<Candidate> perBand, List<SizeRange> ranges, Topology t,
                                MscclXmlExporter.Options o) throws InvalidInputException {
        if (perBand.size() != ranges.size()) {
            throw new IllegalArgumentException(ranges.size() + " bands for " + perBand.size() + " schedules");
        }
        Map<Candidate, MscclProgram> programs = new IdentityHashMap<>();
        List<BandFile> files = new ArrayList<>();
        for (int i = 0; i < ranges.size(); i++) {
            Candidate c = perBand.get(i);
            if (!programs.containsKey(c)) {
                try {
                    programs.put(c, MscclCompiler.compile(c.schedule(), t, o));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("band " + (i + 1) + " (" + c.label() + "): " + e.getMessage(), e);
                }
            }
            files.add(new BandFile(ranges.get(i), c, MscclXmlExporter.result(programs.get(c), ranges.get(i))));
        }
        return new Outcome(files, List.of());
    }
}
