package io.caravan.media;


import com.mongodb.client.gridfs.model.GridFSFile;
import io.caravan.platform.ApiException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.HttpApiErrors;
import io.caravan.platform.HttpResponses;
import io.caravan.platform.Json;
import io.caravan.platform.security.BearerTokens;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.jackson.JacksonDataFormat;
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
    private final BearerTokens tokens;

    MediaApiRoutes(MediaStore store, BearerTokens tokens) {
        this.store = store;
        this.tokens = tokens;
    }

    @Override
    public void configure() {
        // @formatter:off
        from("direct:media-store-video").routeId("media-store-video").errorHandler(noErrorHandler())
            .to("mongodb-gridfs:mongo?database={{caravan.media.database}}&bucket={{caravan.media.video-bucket}}&operation=create");

        from("direct:media-enqueue").routeId("media-enqueue").errorHandler(noErrorHandler())
            .bean(store, "createJob")
            .doTry()
                .marshal(new JacksonDataFormat(MediaJob.class))
                .to("spring-rabbitmq:{{caravan.media.exchange}}?routingKey={{caravan.media.video-queue}}"
                        + "&autoDeclare=false&confirm=enabled&disableReplyTo=true")
                .log("Queued media job ${body}")
            .doCatch(AmqpException.class)
                .process(exchange -> {
                    MediaJob job = Json.MAPPER.readValue(exchange.getMessage().getBody(byte[].class), MediaJob.class);
                    store.deleteJob(job.jobId());
                    store.deleteVideo(job.videoId());
                    throw new ApiException(503, "Service Unavailable", "the conversion queue is unavailable; nothing was stored, try again");
                })
            .end();

        rest("/api/v1/media").description("Media jobs (Bearer token; owner only)")
            .get("/{id}").id("media-get-job").description("queued | converting | ready | failed").to("direct:media-job")
            .get("/{id}/audio").id("media-get-job-audio").description("The MP3 (Range requests supported)").to("direct:media-job-audio");
        rest("/download").get().id("media-get-download").description("The MP3 by audio id: ?fid= (seeds 002/003) or ?id= (seed 000)")
            .to("direct:media-download");

        from("direct:media-job").routeId("media-job").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> HttpResponses.json(exchange, 200, store.job(exchange.getMessage().getHeader("id", String.class), caller(exchange))));

        from("direct:media-job-audio").routeId("media-job-audio").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> exchange.setVariable("audioId",
                    store.audioOfJob(exchange.getMessage().getHeader("id", String.class), caller(exchange))))
            .process(this::download);

        from("direct:media-download").routeId("media-download").routeConfigurationId(HttpApiErrors.ID)
            .process(exchange -> {
                String fid = exchange.getMessage().getHeader("fid", String.class);
                exchange.setVariable("audioId", fid != null ? fid : exchange.getMessage().getHeader("id", String.class));
            })
            .process(this::download);
        // @formatter:on
    }

    private String caller(Exchange exchange) {
        return tokens.caller(exchange.getMessage().getHeader("Authorization", String.class)).userId();
    }

    /** 200 with the whole file, or 206 with the one byte range asked for; 416 when it lies outside the file. */
    private void download(Exchange exchange) throws Exception {
        String caller = caller(exchange);
        GridFSFile file = store.audioFile(exchange.getVariable("audioId", String.class), caller);
        long size = file.getLength();
        String range = exchange.getMessage().getHeader("Range", String.class);
        long start = 0;
        long end = size - 1;
        int status = 200;
        if (range != null) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes=(\\d*)-(\\d*)").matcher(range.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                throw new ApiException(416, "Range Not Satisfiable", "only one range of the form bytes=start-end is supported");
            }
            if (m.group(1).isEmpty()) { // suffix: the last N bytes
                start = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                start = Long.parseLong(m.group(1));
                end = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (start > end || start >= size) {
                exchange.getMessage().setHeader("Content-Range", "bytes */" + size);
                throw new ApiException(416, "Range Not Satisfiable", "the file has " + size + " bytes");
            }
            status = 206;
        }
        long length = end - start + 1;
        String name = file.getFilename() == null ? file.getObjectId().toHexString() + ".mp3" : file.getFilename();
        var message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "audio/mpeg");
        message.setHeader(Exchange.CONTENT_LENGTH, length);
        message.setHeader("Accept-Ranges", "bytes");
        message.setHeader("Content-Disposition", "attachment; filename=\"" + name.replaceAll("[\"\\\\\\r\\n]", "_") + "\"");
        if (status == 206) {
            message.setHeader("Content-Range", "bytes " + start + "-" + end + "/" + size);
        }
        // a known length, not chunked: platform-http then writes Content-Length
        message.setHeader(Exchange.HTTP_CHUNKED, false);
        message.setBody(store.openAudio(file, start, length));
    }
}
