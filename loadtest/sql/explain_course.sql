-- EXPLAIN ANALYZE of the course queries behind the catalog and search, as the ORM issues
-- them (every page = a count(*) + a page query). Run: psql <course database> -f this file
\timing on
\echo '=== search "python" (7% of courses): count'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM courses
WHERE lower(title) LIKE '%' || 'python' || '%' ESCAPE '/'
   OR lower(description) LIKE '%' || 'python' || '%' ESCAPE '/';
\echo '=== search "python": first page'
EXPLAIN (ANALYZE, BUFFERS) SELECT id, teacher_id, title, description, is_free, price,
  duration_minutes, level, avg_rating, review_count, created_at FROM courses
WHERE lower(title) LIKE '%' || 'python' || '%' ESCAPE '/'
   OR lower(description) LIKE '%' || 'python' || '%' ESCAPE '/'
ORDER BY created_at DESC, id LIMIT 20 OFFSET 0;
\echo '=== the same count without parallel workers (CPU cost of one search in one process)'
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM courses
WHERE lower(title) LIKE '%' || 'python' || '%' ESCAPE '/'
   OR lower(description) LIKE '%' || 'python' || '%' ESCAPE '/';
RESET max_parallel_workers_per_gather;
\echo '=== catalog page: count of all courses'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM courses;
\echo '=== catalog page deep in the catalog (offset 60000)'
EXPLAIN (ANALYZE, BUFFERS) SELECT id, title FROM courses
ORDER BY created_at DESC, id LIMIT 20 OFFSET 60000;
\echo '=== curriculum of one course (lessons by course_id)'
EXPLAIN (ANALYZE, BUFFERS) SELECT id, module_id, title, "order" FROM lessons
WHERE course_id = (SELECT id FROM courses LIMIT 1) ORDER BY "order", created_at, id;
