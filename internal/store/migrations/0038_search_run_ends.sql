-- The search index keeps, besides the bigrams of each run of Chinese
-- characters, only the run's last character where it kept every character
-- (search.Doc, index version 3): a single character begins one of its
-- run's bigrams or ends the run, and a query for it looks for both
-- (search.Match). That column was more than half of the index: 29 MB of the
-- 100k data set's 55 MB. The index is emptied here and written anew by the
-- Go step (indexAll); the freed pages go back to the file system (VACUUM,
-- store.shrunkAfter).
INSERT INTO request_fts (request_fts) VALUES ('delete-all');
