-- Placeholder: migration 0011 belongs to another change made in parallel
-- with team sync (0012, 0013). When that change is merged, its 0011 file
-- replaces this one (delete this file then).
SELECT 1;
