package io.caravan.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kamelets of {@code kamelets/} loaded from that folder by the kamelet component (its
 * {@code location}, as {@code camel.component.kamelet.location} sets it) and run on plain Camel with the
 * caravan-redis-stream module, the way a Camel K integration runs them: the Redis Streams pair
 * round-trips events through a real Redis, the ffmpeg action turns a clip into an MP3, and the Pipe
 * example copies a stream.
 */
@ExtendWith(TestRedis.class)
class KameletsIT {

    private final String stream = "kamelet-test-" + UUID.randomUUID();
    private final List<Exchange> received = Collections.synchronizedList(new ArrayList<>());
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private CamelContext camel;

    @TempDir
    Path workDir;

    @BeforeEach
    void startCamel() {
        connection = TestRedis.connect();
        redis = connection.sync();
        camel = new DefaultCamelContext();
        // the project's Kamelets first, then the catalog's (log-action), as Camel K installs both
        camel.getComponent("kamelet", KameletComponent.class)
                .setLocation("file:" + Repository.path("kamelets") + ",classpath:kamelets");
    }

    @AfterEach
    void stopCamel() throws Exception {
        camel.close();
        redis.del(stream, stream + ":dead-letter", stream + ":archive");
        connection.close();
    }

    @Test
    void theSinkAppendsAnEventThatTheSourceDeliversAndThenAcknowledges() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:publish").to("kamelet:redis-stream-sink?" + TestRedis.kameletProperties() + "&stream=" + stream + "&field=EventStream");
                from("kamelet:redis-stream-source?" + TestRedis.kameletProperties() + "&stream=" + stream + "&group=archive&startId=0&blockTimeout=200ms")
                        .process(received::add);
            }
        });
        camel.start();

        Exchange sent = camel.createProducerTemplate().request("direct:publish", e -> e.getMessage().setBody("{\"description\":\"hello\"}"));

        String id = sent.getMessage().getHeader("CamelRedisStreamEntryId", String.class);
        assertThat(id).as("the sink returns the entry id").isNotBlank();
        await().atMost(Duration.ofSeconds(10)).until(() -> received.size() == 1);
        var message = received.get(0).getMessage();
        assertThat(message.getBody(Map.class)).containsExactly(Map.entry("EventStream", "{\"description\":\"hello\"}"));
        assertThat(message.getHeader("CamelRedisStreamEntryId")).isEqualTo(id);
        assertThat(message.getHeader("CamelRedisStreamDeliveryCount", Long.class)).isEqualTo(1L);
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.xpending(stream, "archive").getCount() == 0);
    }

    @Test
    void theSourceRetriesAFailingEntryAndDeadLettersItOnItsLastDelivery() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("kamelet:redis-stream-source?" + TestRedis.kameletProperties() + "&stream=" + stream
                        + "&group=archive&startId=0&blockTimeout=200ms&maxDeliveries=2&retryDelay=100ms")
                        .process(received::add)
                        .throwException(new IllegalStateException("cannot handle it"));
            }
        });
        camel.start();

        redis.xadd(stream, Map.of("k", "v"));

        await().atMost(Duration.ofSeconds(10)).until(() -> redis.xlen(stream + ":dead-letter") == 1);
        assertThat(received).as("delivered twice, then dead-lettered").hasSize(2);
        StreamMessage<String, String> dead = redis.xrange(stream + ":dead-letter", io.lettuce.core.Range.create("-", "+")).get(0);
        assertThat(dead.getBody()).containsEntry("k", "v").containsEntry("dead-letter-deliveries", "2")
                .containsEntry("dead-letter-reason", "IllegalStateException: cannot handle it");
        assertThat(redis.xpending(stream, "archive").getCount()).as("acknowledged once dead-lettered").isZero();
    }

    @Test
    void theFfmpegActionTurnsAVideoIntoAnMp3OfItsSoundTrack(@TempDir Path clips) throws Exception {
        extractRoute();
        byte[] video = Files.readAllBytes(Ffmpeg.clip(clips, true));

        Exchange result = camel.createProducerTemplate().request("direct:extract", e -> e.getMessage().setBody(video));

        assertThat(result.getException()).isNull();
        byte[] mp3 = result.getMessage().getBody(byte[].class);
        assertThat(isMp3(mp3)).as("starts with an ID3 tag or an MPEG audio frame").isTrue();
        assertThat(result.getMessage().getHeader("Content-Type")).isEqualTo("audio/mpeg");
        Path file = Files.write(clips.resolve("audio.mp3"), mp3);
        assertThat(Ffmpeg.duration(file)).as("ffmpeg reads the MP3 back: the clip's 2 s").isBetween(1.8, 2.3);
        assertThat(workDir).as("the temporary copy of the video is gone").isEmptyDirectory();
    }

    @Test
    void theFfmpegActionRefusesWhatHasNoSoundTrackWithFfmpegsReason(@TempDir Path clips) throws Exception {
        extractRoute();
        byte[] silent = Files.readAllBytes(Ffmpeg.clip(clips, false));

        for (byte[] body : List.of("not a video".getBytes(), silent)) {
            assertThatThrownBy(() -> camel.createProducerTemplate().sendBody("direct:extract", body))
                    .hasRootCauseInstanceOf(IllegalArgumentException.class)
                    .hasStackTraceContaining("ffmpeg could not extract the audio");
        }
        assertThat(workDir).as("the temporary copy is removed also when ffmpeg fails").isEmptyDirectory();
    }

    @Test
    void thePipeExampleCopiesTheEventStreamIntoTheArchiveStream() throws Exception {
        String pipe = pipeOnTestRedis(Repository.read(Repository.path("kamelets", "examples", "events-archive-pipe.yaml")));
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("events-archive-pipe.yaml", pipe));
        camel.start();

        redis.xadd(stream, Map.of("EventStream", "{\"description\":\"archived\"}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> redis.xlen(stream + ":archive") == 1);
        List<StreamMessage<String, String>> archived = redis.xread(XReadArgs.StreamOffset.from(stream + ":archive", "0"));
        assertThat(archived.get(0).getBody()).containsExactly(Map.entry("EventStream", "{\"description\":\"archived\"}"));
        await().atMost(Duration.ofSeconds(10)).until(() -> redis.xpending(stream, "events-archive").getCount() == 0);
    }

    /** The Pipe example, its source and sink moved to the test's Redis and stream. */
    @SuppressWarnings("unchecked")
    private String pipeOnTestRedis(String yaml) {
        Map<String, Object> pipe = new Yaml().load(yaml);
        Map<String, Object> spec = (Map<String, Object>) pipe.get("spec");
        for (String end : List.of("source", "sink")) {
            Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) spec.get(end)).get("properties");
            properties.putAll(TestRedis.kameletPropertyMap());
            properties.computeIfPresent("stream", (k, v) -> v.toString().replace("NotificationStream", stream));
            if (end.equals("source")) {
                properties.put("blockTimeout", "200ms");
            }
        }
        return new Yaml().dump(pipe);
    }

    private void extractRoute() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:extract").to("kamelet:ffmpeg-audio-extract-action?ffmpegPath=" + Ffmpeg.executable() + "&workDir=" + workDir);
            }
        });
        camel.start();
    }

    /** An ID3v2 tag, or an MPEG audio frame header (11 sync bits). */
    private static boolean isMp3(byte[] data) {
        return data != null && data.length > 3
                && (data[0] == 'I' && data[1] == 'D' && data[2] == '3' || (data[0] & 0xFF) == 0xFF && (data[1] & 0xE0) == 0xE0);
    }
}
