UPDATE notifications SET email_sent_at = now() WHERE id = :#id
