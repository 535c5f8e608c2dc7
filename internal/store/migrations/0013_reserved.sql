-- Placeholder: migration 0013 belongs to a branch developed in parallel (issue 18);
-- this branch (merge, which owns 0014) keeps the numbering contiguous with it.
-- Drop this file when the branches are merged.
SELECT 1;
