package io.caravan.media;

import java.util.Map;

import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import io.caravan.platform.http.OpenApiContribution;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springframework.stereotype.Component;

/** The streaming upload ({@link UploadController}, not a REST DSL route: decision 7) in the OpenAPI document. */
@Component
@ConditionalOnService(CaravanService.MEDIA)
class UploadApiDocs implements OpenApiContribution {

    @Override
    public void contribute(OpenAPI api) {
        for (String path : new String[] {"/upload", "/api/v1/media"}) {
            api.path(path, new PathItem().post(upload(path)));
        }
    }

    private static Operation upload(String path) {
        ObjectSchema form = new ObjectSchema();
        form.addProperty("file", new StringSchema().format("binary").description("the video (any field name; exactly one file)"));
        return new Operation()
                .operationId("media-post-upload" + (path.equals("/upload") ? "" : "-v1"))
                .addTagsItem("/api/v1/media")
                .summary("Upload a video to convert to MP3 (Bearer token)")
                .description("Streamed into GridFS, never held in memory; then queued for the converter. Bearer token.")
                .requestBody(new RequestBody().required(true).content(new Content().addMediaType("multipart/form-data", new MediaType().schema(form))))
                .responses(new ApiResponses()
                        .addApiResponse("202", json("{\"id\",\"status\":\"queued\"}; Location: /api/v1/media/<id>"))
                        .addApiResponse("400", json("not multipart, or not exactly one file"))
                        .addApiResponse("401", json("no or an invalid token"))
                        .addApiResponse("413", json("larger than caravan.media.max-upload-size"))
                        .addApiResponse("503", json("the conversion queue refused the job; nothing was stored")));
    }

    private static ApiResponse json(String description) {
        return new ApiResponse().description(description)
                .content(new Content().addMediaType("application/json", new MediaType().schema(new ObjectSchema().properties(Map.of()))));
    }
}
