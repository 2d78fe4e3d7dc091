SELECT id AS "id", job_id AS "jobId", kind AS "kind", title AS "title", body AS "body", audio_id AS "audioId",
       created_at AS "createdAt", email_sent_at AS "emailSentAt"
FROM notifications
WHERE user_id = :#userId
ORDER BY created_at DESC, id DESC
LIMIT 100
