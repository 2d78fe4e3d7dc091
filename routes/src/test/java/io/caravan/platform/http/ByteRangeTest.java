package io.caravan.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Range requests on a 1000-byte file: one range is 206, none is 200, anything else 416 with Content-Range. */
class ByteRangeTest {

    @Test
    void noHeaderIsTheWholeFile() {
        ByteRange range = ByteRange.of(null, 1000);
        assertThat(range.partial()).isFalse();
        assertThat(range.status()).isEqualTo(200);
        assertThat(range.start()).isZero();
        assertThat(range.length()).isEqualTo(1000);
    }

    @Test
    void aClosedRange() {
        ByteRange range = ByteRange.of("bytes=100-199", 1000);
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.length()).isEqualTo(100);
        assertThat(range.contentRange()).isEqualTo("bytes 100-199/1000");
    }

    @Test
    void anOpenRangeRunsToTheEnd() {
        assertThat(ByteRange.of("bytes=990-", 1000).contentRange()).isEqualTo("bytes 990-999/1000");
    }

    @Test
    void anEndPastTheFileIsCutToIt() {
        assertThat(ByteRange.of("bytes=900-5000", 1000).contentRange()).isEqualTo("bytes 900-999/1000");
    }

    @Test
    void aSuffixIsTheLastBytes() {
        assertThat(ByteRange.of("bytes=-50", 1000).contentRange()).isEqualTo("bytes 950-999/1000");
        assertThat(ByteRange.of("bytes=-5000", 1000).contentRange()).as("longer than the file").isEqualTo("bytes 0-999/1000");
    }

    @Test
    void theLastByteAndTheFirstByte() {
        assertThat(ByteRange.of("bytes=999-999", 1000).length()).isEqualTo(1);
        assertThat(ByteRange.of("bytes=0-0", 1000).length()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bytes=1000-", "bytes=5000-6000", "bytes=200-100", "lines=1-2", "bytes=", "bytes=a-b", "bytes=0-1,5-6", "garbage", "bytes=--1"})
    void anythingElseIs416WithTheFileSize(String header) {
        assertThatThrownBy(() -> ByteRange.of(header, 1000)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(416);
            assertThat(e.headers()).containsEntry("Content-Range", "bytes */1000");
        });
    }

    @Test
    void anEmptyFileSatisfiesNoRange() {
        assertThatThrownBy(() -> ByteRange.of("bytes=0-", 0)).isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(416));
        assertThat(ByteRange.of(null, 0).length()).isZero();
    }
}
