package canopy.io;

import canopy.model.Schedule;
import canopy.model.Topology;
import com.fasterxml.jackson.core.JsonParser;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads and writes schedule files (formats.md, "schedule/1"). Exact figures (algbw, bound, shares) are
 * written as strings, with float twins for algbw and the bound; reading accepts a number or a string
 * for each exact figure. Lossless: {@code parse(toJson(s)).equals(s)}.
 *
 * <p>Both directions stream ({@link ScheduleReader}, {@link ScheduleWriter}): a schedule of 1,024
 * accelerators is a million edges, too many to hold as a JSON tree in a 2 GB heap.
 *
 * <p>Reading checks the file's structure, not the schedule against a topology (that needs the
 * topology; see tools/verify_schedule.py and the engine's checks).
 */
public final class ScheduleJson {
    public static final String FORMAT = "schedule/1";
    /** Exact figures in a schedule may have numerators and denominators up to 10^this. */
    static final int MAX_DIGITS = 1000;
    /**
     * Files and strings larger than this are refused. The largest schedules the engine writes at its
     * supported scale (1,024 accelerators) are the ring allreduces: 4,096 trees of 1,023 edges with
     * their paths, 335 MB on 128x DGX A100 and 300 MB on 64x MI250 or a 32x32 torus (the forest
     * allreduce on 128x DGX A100 is 167 MB). 512 MiB leaves half as much again for longer node ids and
     * paths. The reader holds only the model, never the file or a tree of it, so all of these read
     * within a 2 GB heap (the 335 MB one verifies with a 1.2 GB peak). A hostile file is bounded by its
     * topology as well (see {@link ScheduleReader}): read against it, ids are the topology's Strings.
     */
    static final long MAX_BYTES = 512L * 1024 * 1024;
    /**
     * The least common multiple of all share denominators of a schedule may have at most this many
     * digits. Exact link loads are sums of shares; with shares over ever new large denominators each
     * sum would grow by a denominator's digits and every addition would cost more (200 shares of
     * 990-digit denominators: 298 s in verify). Under this bound every load is an integer over one
     * common denominator of at most this many digits (times N), so loads cost a bounded amount per hop.
     * The engine's schedules stay far below it (a handful of digits).
     */
    public static final int MAX_COMMON_DENOMINATOR_DIGITS = 1000;

    private ScheduleJson() {
    }

    public static Schedule read(Path file) throws InvalidInputException {
        return read(file, null);
    }

    /**
     * Reads a schedule against the topology it belongs to (null: none): every node id must be one of
     * the topology's, a tree has at most N - 1 edges, a path at most as many nodes as the topology, and
     * the model shares the topology's id Strings, so its size is bounded by the file's (see
     * {@link ScheduleReader}). This is how the command line reads every schedule.
     */
    public static Schedule read(Path file, Topology topology) throws InvalidInputException {
        try {
            Json.refuseLargerFile(file, MAX_BYTES);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + Json.describe(e), e);
        }
        InputStream raw;
        try {
            raw = Files.newInputStream(file);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + Json.describe(e), e);
        }
        try (InputStream in = new SizeLimitedInput(raw, MAX_BYTES);
             JsonParser p = Json.streamingParser(in)) {
            return ScheduleReader.read(p, topology);
        } catch (OutOfMemoryError e) {
            throw outOfMemory(file.toString());
        } catch (SizeLimitedInput.TooLarge e) {
            throw Json.tooLarge(file, MAX_BYTES);
        } catch (SizeLimitedInput.ReadFailed e) {
            throw new InvalidInputException("cannot read " + file + ": " + Json.describe(e.getCause()), e);
        } catch (IOException | RuntimeException e) {
            throw Json.malformed(e);
        }
    }

    public static Schedule parse(String json) throws InvalidInputException {
        return parse(json, null);
    }

    /** Parses a schedule against its topology (null: none), as {@link #read(Path, Topology)} does. */
    public static Schedule parse(String json, Topology topology) throws InvalidInputException {
        if (json == null) {
            throw new InvalidInputException("no input: expected a JSON object");
        }
        if (json.length() > MAX_BYTES) {
            throw Json.tooLarge(MAX_BYTES);
        }
        try (JsonParser p = Json.streamingParser(json)) {
            return ScheduleReader.read(p, topology);
        } catch (OutOfMemoryError e) {
            throw outOfMemory("the schedule");
        } catch (IOException | RuntimeException e) {
            throw Json.malformed(e);
        }
    }

    /** What a read that ran out of heap says (the partly built model is garbage by then). */
    private static InvalidInputException outOfMemory(String what) {
        return new InvalidInputException(what + ": not enough memory to read it (Java heap of "
                + (Runtime.getRuntime().maxMemory() >> 20) + " MiB); a larger heap (java -Xmx...) may help");
    }

    /**
     * The fewest bytes any schedule/1 file of an allgather or a reduce-scatter over these accelerators
     * takes, however it is written. Every accelerator roots trees whose shares add up to 1 and every
     * tree spans all N, so there are at least N trees of N − 1 edges. An edge names its from and its
     * to twice each (its path starts and ends with them); the to's of an out-tree (the from's of an
     * in-tree) are its N − 1 other accelerators, once each; and around them an edge has at least
     * {"from":,"to":,"path":[,]}, 26 bytes. Ids count as the quoted JSON strings the writer writes.
     */
    public static BigInteger leastPerShardBytes(List<String> acceleratorIds) {
        long n = acceleratorIds.size();
        BigInteger idBytes = BigInteger.ZERO;
        long shortest = Long.MAX_VALUE;
        StringBuilder sb = new StringBuilder();
        for (String id : acceleratorIds) {
            sb.setLength(0);
            Json.string(id, sb);
            long b = sb.toString().getBytes(StandardCharsets.UTF_8).length;
            idBytes = idBytes.add(BigInteger.valueOf(b));
            shortest = Math.min(shortest, b);
        }
        if (n < 2) {
            return BigInteger.ZERO;
        }
        // Σ over roots r of [2·(B − b(r)) + (N − 1)·(26 + 2·shortest)] = 2(N − 1)B + N(N − 1)(26 + 2·shortest).
        BigInteger edges = BigInteger.valueOf(n).multiply(BigInteger.valueOf(n - 1));
        return idBytes.multiply(BigInteger.valueOf(2 * (n - 1)))
                .add(edges.multiply(BigInteger.valueOf(26 + 2 * shortest)));
    }

    /**
     * Why no schedule/1 file of an allgather or reduce-scatter over these accelerators can be read back
     * (it would pass {@link #MAX_BYTES}), or null when one can: so that a command refuses before it
     * spends the engine's time on a schedule it could not write.
     */
    public static String perShardTooLarge(List<String> acceleratorIds) {
        BigInteger least = leastPerShardBytes(acceleratorIds);
        if (least.compareTo(BigInteger.valueOf(MAX_BYTES)) <= 0) {
            return null;
        }
        int n = acceleratorIds.size();
        return "a schedule file of it would hold at least " + n + " trees of " + (n - 1) + " edges, at least "
                + least.shiftRight(20) + " MiB, more than the " + (MAX_BYTES >> 20) + " MiB a schedule reader accepts";
    }

    /** Pretty-printed JSON with formats.md's field order, ending with a newline. */
    public static String toJson(Schedule s) {
        StringBuilder sb = new StringBuilder();
        try {
            ScheduleWriter.write(s, sb);
        } catch (IOException e) {
            throw new IllegalStateException("a StringBuilder does not fail", e);
        }
        return sb.toString();
    }

    /** Writes the schedule as it goes to a temporary file beside file, then moves it into place. */
    public static void write(Schedule s, Path file) throws IOException {
        try {
            AtomicFiles.write(file, out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(new CappedOutput(out, MAX_BYTES),
                        StandardCharsets.UTF_8), 1 << 16);
                ScheduleWriter.write(s, w);
                w.flush();
            });
        } catch (CappedOutput.TooLarge e) {
            throw new IOException("the schedule would be larger than " + (MAX_BYTES >> 20)
                    + " MiB, more than a schedule reader accepts (long node ids make every edge long); nothing written", e);
        }
    }

    /** Counts what passes and fails past a limit, so the tool never writes a file its readers refuse. */
    static final class CappedOutput extends java.io.FilterOutputStream {
        static final class TooLarge extends IOException {
            private static final long serialVersionUID = 1L;

            TooLarge() {
                super("output over its limit");
            }
        }

        private final long limit;
        private long written;

        CappedOutput(java.io.OutputStream out, long limit) {
            super(out);
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            count(1);
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            count(len);
            out.write(b, off, len);
        }

        private void count(int n) throws TooLarge {
            written += n;
            if (written > limit) {
                throw new TooLarge();
            }
        }
    }
}
