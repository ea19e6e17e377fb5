-- Document frequencies that follow deletions: a bucket counts the indexed entries whose vector is non-zero there, and a trigger takes a deleted vector's counts away again (whatever deleted it: a library item removed, a feed's entries purged, a cascade).

-- Counted again from the vectors as they are (the counts so far were made from the words' buckets, and kept those of deleted entries).
DELETE FROM wise_search_df;
INSERT INTO wise_search_df (bucket, df)
SELECT i - 1, count(*) FROM wise_vectors v, generate_subscripts(v.vec, 1) AS i WHERE v.vec[i] <> 0 GROUP BY i;
INSERT INTO wise_search_df (bucket, df) SELECT -1, count(*) FROM wise_vectors;

CREATE FUNCTION wise_vectors_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM gone) THEN
    RETURN NULL;
  END IF;
  -- The document count first: the indexer locks it first too, so concurrent changes queue instead of deadlocking.
  UPDATE wise_search_df SET df = greatest(0, df - (SELECT count(*) FROM gone)) WHERE bucket = -1;
  UPDATE wise_search_df d SET df = greatest(0, d.df - g.n)
    FROM (SELECT i - 1 AS bucket, count(*) AS n FROM gone, generate_subscripts(gone.vec, 1) AS i WHERE gone.vec[i] <> 0 GROUP BY i) g
   WHERE d.bucket = g.bucket;
  RETURN NULL;
END
$$;

CREATE TRIGGER wise_vectors_forget AFTER DELETE ON wise_vectors
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION wise_vectors_forget();
