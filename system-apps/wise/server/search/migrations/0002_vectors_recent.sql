-- "For you" reads the newest vectors first (across feeds and saved entries) and stops at its pool: an index in that order.
CREATE INDEX wise_vectors_recent ON wise_vectors (sort_at DESC);
