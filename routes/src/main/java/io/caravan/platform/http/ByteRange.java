package io.caravan.platform.http;

import java.util.List;

import org.springframework.http.HttpRange;

/**
 * The part of a file a {@code Range} request asks for, parsed by Spring's {@link HttpRange}: one range
 * ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) is a 206 of those bytes; no header is the whole
 * file (200); anything else (several ranges, another unit, outside the file) is 416 with
 * {@code Content-Range: bytes *}{@code /<size>}.
 */
public record ByteRange(long start, long end, long size, boolean partial) {

    public static ByteRange of(String header, long size) {
        if (header == null || header.isBlank()) {
            return new ByteRange(0, size - 1, size, false);
        }
        List<HttpRange> ranges;
        try {
            ranges = HttpRange.parseRanges(header.trim());
        } catch (IllegalArgumentException e) {
            throw unsatisfiable("the Range header must be one range of the form bytes=start-end", size);
        }
        if (ranges.size() != 1) {
            throw unsatisfiable("only one range per request is supported", size);
        }
        try {
            long start = ranges.get(0).getRangeStart(size);
            long end = ranges.get(0).getRangeEnd(size);
            if (start > end) {
                throw unsatisfiable("the file has " + size + " bytes", size);
            }
            return new ByteRange(start, end, size, true);
        } catch (IllegalArgumentException e) {
            throw unsatisfiable("the file has " + size + " bytes", size);
        }
    }

    /** Bytes in the range. */
    public long length() {
        return end - start + 1;
    }

    /** 206 for a range, 200 for the whole file. */
    public int status() {
        return partial ? 206 : 200;
    }

    /** {@code bytes start-end/size}, the Content-Range of a 206. */
    public String contentRange() {
        return "bytes " + start + "-" + end + "/" + size;
    }

    private static ApiException unsatisfiable(String description, long size) {
        return new ApiException(416, "Range Not Satisfiable", description).withHeader("Content-Range", "bytes */" + size);
    }
}
