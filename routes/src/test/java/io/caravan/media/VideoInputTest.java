package io.caravan.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Which videos ffmpeg can read front to back (streamed on stdin) and which it must seek in (a work file). */
class VideoInputTest {

    private static byte[] boxes(Object... typesAndSizes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < typesAndSizes.length; i += 2) {
            String type = (String) typesAndSizes[i];
            int size = (Integer) typesAndSizes[i + 1];
            out.writeBytes(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size});
            out.writeBytes(type.getBytes(StandardCharsets.ISO_8859_1));
            out.writeBytes(new byte[Math.min(size, 4096) - 8 > 0 ? Math.min(size, 4096) - 8 : 0]);
        }
        return out.toByteArray();
    }

    @Test
    void aFaststartMp4Streams() {
        byte[] head = boxes("ftyp", 32, "moov", 2000, "mdat", 1_000_000);
        assertThat(VideoInput.streamable(head, head.length)).isTrue();
    }

    @Test
    void anMp4WithItsIndexAtTheEndNeedsAFile() {
        byte[] head = boxes("ftyp", 32, "free", 8, "mdat", 1_000_000);
        assertThat(VideoInput.streamable(head, head.length)).isFalse();
    }

    @Test
    void aHeadThatEndsBeforeMoovOrMdatNeedsAFile() {
        byte[] head = boxes("ftyp", 32, "free", 200_000);
        assertThat(VideoInput.streamable(head, 4000)).isFalse();
    }

    @Test
    void otherContainersAndJunkStream() {
        byte[] matroska = {0x1a, 0x45, (byte) 0xdf, (byte) 0xa3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThat(VideoInput.streamable(matroska, matroska.length)).isTrue();
        byte[] text = "this is not a video\n".repeat(10).getBytes(StandardCharsets.UTF_8);
        assertThat(VideoInput.streamable(text, text.length)).as("ffmpeg refuses it either way").isTrue();
        assertThat(VideoInput.streamable(new byte[3], 3)).isTrue();
    }

    @Test
    void aBrokenBoxSizeNeedsAFile() {
        byte[] head = boxes("ftyp", 32);
        byte[] broken = new byte[head.length + 8];
        System.arraycopy(head, 0, broken, 0, head.length);
        broken[head.length + 3] = 3; // a box of 3 bytes cannot be
        System.arraycopy("abcd".getBytes(StandardCharsets.ISO_8859_1), 0, broken, head.length + 4, 4);
        assertThat(VideoInput.streamable(broken, broken.length)).isFalse();
    }
}
