-- the notification of a job's outcome, once: a redelivered message finds the row it made before
INSERT INTO notifications (user_id, job_id, kind, title, body, audio_id)
VALUES (:#userId, :#jobId, :#kind, :#title, :#body, CAST(:#audioId AS text))
ON CONFLICT (job_id, kind) DO UPDATE SET job_id = EXCLUDED.job_id
RETURNING id AS "id", email_sent_at AS "emailSentAt"
