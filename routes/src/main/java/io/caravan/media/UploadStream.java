package io.caravan.media;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload's bytes on their way to GridFS: fails the read (and so the GridFS upload, which then
 * removes what it wrote) past {@code max} bytes. Camel's stream caching is told to leave this type
 * alone ({@code camel.main.stream-caching-deny-classes}): caching it would hold the whole file in memory.
 */
public final class UploadStream extends FilterInputStream {

    private final long max;
    private long count;

    UploadStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            check(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            check(n);
        }
        return n;
    }

    private void check(int n) throws IOException {
        count += n;
        if (count > max) {
            throw new TooLarge();
        }
    }

    static boolean exceeded(Throwable t) {
        for (; t != null; t = t.getCause()) {
            if (t instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    static final class TooLarge extends IOException {
        TooLarge() {
            super("upload size limit exceeded");
        }
    }
}
