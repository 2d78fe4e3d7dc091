package io.caravan.media;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import io.caravan.platform.http.ApiError;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.security.BearerTokens;
import io.caravan.platform.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.commons.fileupload2.core.FileItemInput;
import org.apache.commons.fileupload2.core.FileItemInputIterator;
import org.apache.commons.fileupload2.jakarta.servlet6.JakartaServletFileUpload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /upload} and {@code POST /api/v1/media}: the one HTTP entry that is not a platform-http
 * route, because platform-http reads a whole request body before the route runs (decision 7). It
 * streams the multipart's single file part straight into the Camel route {@code media-store-video}
 * (GridFS), never holding it in memory or in a temp file, then hands the job to
 * {@code media-enqueue}. 202 with the job's status resource.
 */
@RestController
@ConditionalOnService(CaravanService.MEDIA)
class UploadController {

    private static final Logger LOG = LoggerFactory.getLogger(UploadController.class);

    private final ProducerTemplate camel;
    private final BearerTokens tokens;
    private final MediaStore store;
    private final long maxBytes;

    UploadController(ProducerTemplate camel, BearerTokens tokens, MediaStore store, MediaProperties properties) {
        this.camel = camel;
        this.tokens = tokens;
        this.store = store;
        this.maxBytes = properties.maxUploadSize().toBytes();
    }

    @PostMapping({"/upload", "/api/v1/media"})
    ResponseEntity<Object> upload(HttpServletRequest request) throws IOException {
        String videoId = null;
        try {
            Caller caller = tokens.caller(request.getHeader(HttpHeaders.AUTHORIZATION));
            if (request.getContentLengthLong() > maxBytes) {
                throw new ApiException(413, "Payload Too Large", "the upload is larger than " + maxBytes + " bytes");
            }
            if (!JakartaServletFileUpload.isMultipartContent(request)) {
                throw ApiException.badRequest("send multipart/form-data with exactly one file");
            }
            FileItemInputIterator parts = new JakartaServletFileUpload<>().getItemIterator(request);
            String filename = null;
            while (parts.hasNext()) {
                FileItemInput part = parts.next();
                if (part.isFormField()) {
                    continue;
                }
                if (videoId != null) {
                    throw ApiException.badRequest("exactly one file is required, got more");
                }
                filename = part.getName() == null || part.getName().isBlank() ? "upload" : part.getName();
                videoId = storeVideo(part, filename, caller);
            }
            if (videoId == null) {
                throw ApiException.badRequest("exactly one file is required, got none");
            }
            MediaJob job = new MediaJob(MediaStore.newJobId(), videoId, caller.userId(), caller.email(), filename);
            camel.requestBody("direct:media-enqueue", job);
            return ResponseEntity.accepted()
                    .location(java.net.URI.create("/api/v1/media/" + job.jobId()))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("id", job.jobId(), "status", "queued"));
        } catch (ApiException e) {
            store.deleteVideo(videoId);
            return error(e.status(), e.title(), e.getMessage());
        } catch (org.apache.camel.CamelExecutionException e) {
            store.deleteVideo(videoId);
            if (e.getCause() instanceof ApiException api) {
                return error(api.status(), api.title(), api.getMessage());
            }
            LOG.error("Upload failed", e);
            return error(500, "Internal Server Error", "Internal Server Error");
        } catch (IOException e) {
            store.deleteVideo(videoId);
            return error(400, "Bad Request", "unreadable multipart body: " + e.getMessage());
        }
    }

    /** Streams one part into GridFS through the route; more than the size limit aborts it (413). */
    private String storeVideo(FileItemInput part, String filename, Caller caller) throws IOException {
        try (InputStream limited = new UploadStream(part.getInputStream(), maxBytes)) {
            Exchange result = camel.send("direct:media-store-video", exchange -> {
                exchange.getMessage().setBody(limited);
                exchange.getMessage().setHeader(Exchange.FILE_NAME, filename);
                exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, part.getContentType());
                exchange.getMessage().setHeader("gridfs.metadata",
                        io.caravan.platform.Json.MAPPER.writeValueAsString(Map.of("owner", caller.userId(), "filename", filename)));
            });
            if (result.getException() != null) {
                if (UploadStream.exceeded(result.getException())) {
                    throw new ApiException(413, "Payload Too Large", "the file is larger than " + maxBytes + " bytes");
                }
                throw new org.apache.camel.CamelExecutionException("storing the upload failed", result, result.getException());
            }
            return String.valueOf(result.getMessage().getHeader("gridfs.fileid"));
        }
    }

    private static ResponseEntity<Object> error(int status, String title, String description) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(new ApiError(status, title, description));
    }
}
