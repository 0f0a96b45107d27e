package canopy.io;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file's bytes for a streaming parser, refusing to go past a size limit. The size is checked before
 * reading; this catches what that check cannot see: a pipe, or a file that grows while it is read.
 * Failures of the file itself are told apart from the parser's own complaints by their types.
 */
final class SizeLimitedInput extends InputStream {
    /** The input went past the limit. */
    static final class TooLarge extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /** Reading the file failed (not its content): the cause says why. */
    static final class ReadFailed extends IOException {
        private static final long serialVersionUID = 1L;

        ReadFailed(IOException cause) {
            super(cause);
        }
    }

    private final InputStream in;
    private final long maxBytes;
    private long count;

    SizeLimitedInput(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n;
        try {
            n = in.read(b, off, len);
        } catch (IOException e) {
            throw new ReadFailed(e);
        }
        if (n > 0) {
            count += n;
            if (count > maxBytes) {
                throw new TooLarge();
            }
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
