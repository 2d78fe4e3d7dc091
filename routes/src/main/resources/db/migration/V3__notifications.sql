-- notification: the in-app notification log; one row per (job, kind) makes redelivered messages
-- idempotent, and email_sent_at records that the email went out.
CREATE TABLE notifications (
    id            bigserial   PRIMARY KEY,
    user_id       text        NOT NULL,
    job_id        text        NOT NULL,
    kind          text        NOT NULL,
    title         text        NOT NULL,
    body          text        NOT NULL,
    audio_id      text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    email_sent_at timestamptz,
    UNIQUE (job_id, kind)
);
CREATE INDEX notifications_user ON notifications (user_id, created_at DESC);
