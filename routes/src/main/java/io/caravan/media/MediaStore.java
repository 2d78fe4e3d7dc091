package io.caravan.media;

import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.caravan.platform.http.ApiException;
import io.caravan.platform.CaravanService;
import io.caravan.platform.ConditionalOnService;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

/**
 * The media service's MongoDB: job records ({@code media_jobs}) and reads of the GridFS buckets that
 * Camel's mongodb-gridfs component cannot do (by id, with a batch size, by metadata).
 */
@Component
@ConditionalOnService({CaravanService.MEDIA, CaravanService.CONVERTER})
public class MediaStore {

    /** mongo-java-server answers a whole file in one batch unless asked for less; 16 chunks is harmless on MongoDB. */
    private static final int DOWNLOAD_BATCH = 16;

    private final MongoCollection<Document> jobs;
    private final GridFSBucket videos;
    private final GridFSBucket audio;

    MediaStore(MongoClient mongo, MediaProperties properties) {
        var database = mongo.getDatabase(properties.database());
        this.jobs = database.getCollection("media_jobs");
        this.videos = GridFSBuckets.create(database, properties.videoBucket());
        this.audio = GridFSBuckets.create(database, properties.audioBucket());
    }

    public static String newJobId() {
        return UUID.randomUUID().toString();
    }

    public void createJob(MediaJob job) {
        Instant now = Instant.now();
        jobs.insertOne(new Document("_id", job.jobId()).append("owner", job.owner()).append("email", job.email())
                .append("videoId", job.videoId()).append("filename", job.filename()).append("status", "queued")
                .append("createdAt", now.toString()).append("updatedAt", now.toString()));
    }

    /** Removes the job and its video: the queue refused it, so it never happened. */
    public void forget(MediaJob job) {
        jobs.deleteOne(Filters.eq("_id", job.jobId()));
        deleteVideo(job.videoId());
    }

    public void deleteVideo(String videoId) {
        if (videoId != null && ObjectId.isValid(videoId)) {
            try {
                videos.delete(new ObjectId(videoId));
            } catch (com.mongodb.MongoGridFSException alreadyGone) {
                // deleted before: nothing to do
            }
        }
    }

    /** True when the job already has its audio: a redelivered message must not convert again. */
    public boolean alreadyConverted(MediaJob job) {
        Document found = jobs.find(Filters.eq("_id", job.jobId())).first();
        return found != null && "ready".equals(found.getString("status")) && found.getString("audioId") != null;
    }

    public void markConverting(MediaJob job) {
        status(job.jobId(), Updates.combine(Updates.set("status", "converting"), Updates.unset("reason")));
    }

    public void markReady(MediaJob job, String audioId) {
        status(job.jobId(), Updates.combine(Updates.set("status", "ready"), Updates.set("audioId", audioId)));
    }

    public void markFailed(MediaJob job, String reason) {
        status(job.jobId(), Updates.combine(Updates.set("status", "failed"), Updates.set("reason", reason)));
    }

    private void status(String jobId, org.bson.conversions.Bson update) {
        jobs.updateOne(Filters.eq("_id", jobId), Updates.combine(update, Updates.set("updatedAt", Instant.now().toString())));
    }

    /** The job as its owner sees it; 404 for anyone else, as for an unknown id. */
    public Map<String, Object> job(String jobId, String caller) {
        Document found = jobId == null ? null : jobs.find(Filters.and(Filters.eq("_id", jobId), Filters.eq("owner", caller))).first();
        if (found == null) {
            throw ApiException.notFound("no such media job");
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", found.getString("_id"));
        view.put("status", found.getString("status"));
        view.put("filename", found.getString("filename"));
        if (found.getString("audioId") != null) {
            view.put("audioId", found.getString("audioId"));
            view.put("download", "/api/v1/media/" + found.getString("_id") + "/audio");
        }
        if (found.getString("reason") != null) {
            view.put("reason", found.getString("reason"));
        }
        view.put("createdAt", found.getString("createdAt"));
        view.put("updatedAt", found.getString("updatedAt"));
        return view;
    }

    /** The audio id of the owner's job, or 404. */
    public String audioOfJob(String jobId, String caller) {
        Object audioId = job(jobId, caller).get("audioId");
        if (audioId == null) {
            throw ApiException.notFound("the audio of this job is not ready");
        }
        return (String) audioId;
    }

    /** The video's bytes, read from GridFS as they are consumed. */
    public InputStream openVideo(String videoId) {
        return videos.openDownloadStream(new ObjectId(videoId)).batchSize(DOWNLOAD_BATCH);
    }

    /** The id of the audio already stored for the job, if a previous delivery got that far. */
    public String existingAudio(String jobId) {
        GridFSFile file = audio.find(Filters.eq("metadata.jobId", jobId)).first();
        return file == null ? null : file.getObjectId().toHexString();
    }

    /** The owner's audio file; 400 for a malformed id, 404 for an unknown one or someone else's. */
    public GridFSFile audioFile(String audioId, String caller) {
        if (audioId == null || audioId.isBlank()) {
            throw ApiException.badRequest("an audio id is required (fid or id)");
        }
        if (!ObjectId.isValid(audioId.trim())) {
            throw ApiException.badRequest("malformed audio id");
        }
        GridFSFile file = audio.find(Filters.eq("_id", new ObjectId(audioId))).first();
        if (file == null || file.getMetadata() == null || !caller.equals(file.getMetadata().getString("owner"))) {
            throw ApiException.notFound("no such audio file");
        }
        return file;
    }

    /** The bytes of {@code file} from {@code start}, {@code length} of them. */
    public InputStream openAudio(GridFSFile file, long start, long length) throws java.io.IOException {
        InputStream in = audio.openDownloadStream(file.getObjectId()).batchSize(DOWNLOAD_BATCH);
        in.skipNBytes(start);
        return new org.apache.commons.io.input.BoundedInputStream.Builder().setInputStream(in).setMaxCount(length).get();
    }
}
