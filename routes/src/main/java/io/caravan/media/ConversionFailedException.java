package io.caravan.media;

/** ffmpeg could not make an MP3 of the file (not a video, no audio track, timeout): final, never retried. */
public class ConversionFailedException extends RuntimeException {

    public ConversionFailedException(String reason) {
        super(reason);
    }
}
