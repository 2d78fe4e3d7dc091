package io.caravan.media;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * How ffmpeg gets a video: straight from GridFS on its stdin when the file can be read front to back
 * (no copy to disk first, and decoding starts while the rest still arrives), or from a work file when
 * it cannot. An MP4/MOV whose index ({@code moov}) comes after its media data ({@code mdat}), the usual
 * layout of a recording, can only be read with seeking, hence from a file; one written with
 * {@code -movflags +faststart}, and containers other than MP4/MOV (Matroska, WebM, MPEG-TS, ...), stream.
 */
final class VideoInput {

    /** Enough of the head to see an MP4's top-level boxes up to {@code moov} or {@code mdat}. */
    static final int HEAD = 64 * 1024;

    /** The argument that makes ffmpeg read its standard input. */
    static final String STDIN = "pipe:0";

    private VideoInput() {
    }

    /**
     * A video on its way to ffmpeg's stdin. Its own type, so that Camel's stream caching leaves it alone
     * ({@code camel.main.stream-caching-deny-classes}): caching would read the whole video into memory first.
     */
    static final class VideoStream extends BufferedInputStream {
        VideoStream(InputStream video) {
            super(video, HEAD);
        }
    }

    /** The stream to give ffmpeg on stdin, or null after it was copied to {@code file} (read it from there). */
    static InputStream streamOrCopy(InputStream video, Path file) throws IOException {
        VideoStream in = new VideoStream(video);
        in.mark(HEAD);
        byte[] head = in.readNBytes(HEAD);
        in.reset();
        if (streamable(head, head.length)) {
            return in;
        }
        try (in) {
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
        return null;
    }

    /**
     * True unless {@code head} is the start of an MP4/MOV (a {@code ftyp} box first) whose {@code moov}
     * box is not found before an {@code mdat} box within the head.
     */
    static boolean streamable(byte[] head, int length) {
        if (length < 12 || !"ftyp".equals(type(head, 4))) {
            return true; // not MP4/MOV: ffmpeg reads the other containers front to back
        }
        long offset = 0;
        while (offset + 8 <= length) {
            int at = (int) offset;
            long size = unsigned(head, at);
            String type = type(head, at + 4);
            if ("moov".equals(type)) {
                return true;
            }
            if ("mdat".equals(type)) {
                return false;
            }
            if (size == 1) { // a 64-bit size follows the type
                if (at + 16 > length) {
                    return false;
                }
                size = ((long) unsigned(head, at + 8) << 32) | unsigned(head, at + 12);
            }
            if (size < 8) { // 0: to the end of the file, without a moov seen; anything else is not MP4
                return false;
            }
            offset += size;
        }
        return false; // neither seen within the head: do not guess
    }

    private static long unsigned(byte[] bytes, int at) {
        return ((bytes[at] & 0xffL) << 24) | ((bytes[at + 1] & 0xffL) << 16) | ((bytes[at + 2] & 0xffL) << 8) | (bytes[at + 3] & 0xffL);
    }

    private static String type(byte[] bytes, int at) {
        return new String(bytes, at, 4, StandardCharsets.ISO_8859_1);
    }
}
