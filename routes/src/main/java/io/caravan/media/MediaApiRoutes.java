package io.caravan.media;

import com.mongodb.client.gridfs.model.GridFSFile;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.Rabbit;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.http.ByteRange;
import io.caravan.platform.http.HttpApiErrors;
import io.caravan.platform.http.Answer;
import io.caravan.platform.security.BearerTokens;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.amqp.AmqpException;
import org.springframework.stereotype.Component;

/**
 * The media service's routes behind the upload: store the video (GridFS), queue the job (RabbitMQ,
 * persistent, confirmed; if the broker refuses, the video and the job are removed and the client
 * gets 503), the job's status, and the owner-only MP3 download with Range support.
 */
@Component
@ConditionalOnService(CaravanService.MEDIA)
class MediaApiRoutes extends RouteBuilder {

    private final MediaStore store;
    private final BearerTokens bearer;

    MediaApiRoutes(MediaStore store, BearerTokens bearer) {
        this.store = store;
        this.bearer = bearer;
    }

    @Override
    public void configure() {
        // @formatter:off
        from("direct:media-store-video").routeId("media-store-video").errorHandler(noErrorHandler())
            .to("mongodb-gridfs:mongo?database={{caravan.media.database}}&bucket={{caravan.media.video-bucket}}&operation=create");

        from("direct:media-enqueue").routeId("media-enqueue").errorHandler(noErrorHandler())
            .setVariable("job", body())
            .bean(store, "createJob")
            .doTry()
                .setBody(variable("job"))
                .marshal().json()
                .to(Rabbit.confirmedPublish("{{caravan.media.exchange}}", "{{caravan.media.video-queue}}"))
                .log("Queued media job ${variable.job}")
            .doCatch(AmqpException.class)
                .bean(store, "forget(${variable.job})")
                .throwException(ApiException.unavailable("the conversion queue is unavailable; nothing was stored, try again"))
            .end();

        rest("/api/v1/media").description("Media jobs (Bearer token; owner only)")
            .get("/{id}").id("media-get-job").description("queued | converting | ready | failed").to("direct:media-job")
            .get("/{id}/audio").id("media-get-job-audio").description("The MP3 (Range requests supported)").to("direct:media-job-audio");
        rest("/download").get().id("media-get-download").description("The MP3 by audio id: ?fid= (seeds 002/003) or ?id= (seed 000)")
            .to("direct:media-download");

        from("direct:media-job").routeId("media-job").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .bean(store, "job(${header.id}, ${variable.caller.userId()})")
            .process(Answer.ok());

        from("direct:media-job-audio").routeId("media-job-audio").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .setVariable("audioId", method(store, "audioOfJob(${header.id}, ${variable.caller.userId()})"))
            .to("direct:media-send-audio");

        from("direct:media-download").routeId("media-download").routeConfigurationId(HttpApiErrors.ID)
            .process(bearer.authenticate())
            .setVariable("audioId", method(MediaApiRoutes.class, "requestedAudioId"))
            .to("direct:media-send-audio");

        from("direct:media-send-audio").routeId("media-send-audio").errorHandler(noErrorHandler())
            .setVariable("file", method(store, "audioFile(${variable.audioId}, ${variable.caller.userId()})"))
            .process(this::answerAudio);
        // @formatter:on
    }

    /** {@code ?fid=} (seeds 002/003) or {@code ?id=} (seed 000). */
    public static String requestedAudioId(@Header("fid") String fid, @Header("id") String id) {
        return fid != null ? fid : id;
    }

    /** 200 with the whole file, or 206 with the one byte range asked for; 416 when it lies outside the file. */
    private void answerAudio(Exchange exchange) throws Exception {
        GridFSFile file = exchange.getVariable("file", GridFSFile.class);
        ByteRange range = ByteRange.of(exchange.getMessage().getHeader("Range", String.class), file.getLength());
        String name = file.getFilename() == null ? file.getObjectId().toHexString() + ".mp3" : file.getFilename();
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, range.status());
        message.setHeader(Exchange.CONTENT_TYPE, "audio/mpeg");
        message.setHeader(Exchange.CONTENT_LENGTH, range.length());
        message.setHeader("Accept-Ranges", "bytes");
        message.setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[\"\\\\\\r\\n]", "_") + "\"");
        if (range.partial()) {
            message.setHeader("Content-Range", range.contentRange());
        }
        // a known length, not chunked: platform-http then writes Content-Length
        message.setHeader(Exchange.HTTP_CHUNKED, false);
        message.setBody(store.openAudio(file, range.start(), range.length()));
    }
}
