-- +goose Up
-- Meeting search indexes a transcript in windows of three consecutive
-- items starting every two items (store.SearchWindows), so that words and
-- phrases said across turns are found together: a window's text holds its
-- items' texts one per line, its items column their speakers and offsets
-- as JSON, and its rowid is the rowid of its first item before. The
-- windows are made here from the rows indexed one per item, so existing
-- meetings are searchable across turns as soon as this has run; summary
-- lines and action items keep their rows. (items is last, as in SQLite.)
ALTER TABLE meeting_search ADD COLUMN items TEXT NOT NULL DEFAULT '';
WITH old AS (
    DELETE FROM meeting_search WHERE kind = 'transcript'
    RETURNING rowid, meeting_id, tenant_id, translate(text, E'\r\n', '  ') AS text, speaker, at_ms
), item AS (
    SELECT rowid, meeting_id, tenant_id, rowid - (meeting_id << 24) AS i,
           text AS t0, speaker AS s0, at_ms AS a0,
           lead(text, 1) OVER w AS t1, lead(speaker, 1) OVER w AS s1, lead(at_ms, 1) OVER w AS a1,
           lead(text, 2) OVER w AS t2, lead(speaker, 2) OVER w AS s2, lead(at_ms, 2) OVER w AS a2
    FROM old
    WINDOW w AS (PARTITION BY meeting_id ORDER BY rowid)
)
INSERT INTO meeting_search (text, speaker, kind, at_ms, meeting_id, tenant_id, rowid, items)
SELECT concat_ws(E'\n', t0, t1, t2), s0, 'transcript', a0, meeting_id, tenant_id, rowid,
       CASE WHEN a2 IS NOT NULL THEN json_build_array(json_build_object('s', s0, 'a', a0), json_build_object('s', s1, 'a', a1), json_build_object('s', s2, 'a', a2))
            WHEN a1 IS NOT NULL THEN json_build_array(json_build_object('s', s0, 'a', a0), json_build_object('s', s1, 'a', a1))
            ELSE json_build_array(json_build_object('s', s0, 'a', a0)) END::text
FROM item
WHERE i % 2 = 0 AND (i = 0 OR a1 IS NOT NULL);

-- +goose Down
-- One row per item again, split from the windows (an item two windows
-- share is the same in both).
WITH old AS (
    DELETE FROM meeting_search WHERE kind = 'transcript'
    RETURNING rowid, meeting_id, tenant_id, text, items::jsonb AS items
)
INSERT INTO meeting_search (text, speaker, kind, at_ms, meeting_id, tenant_id, rowid)
SELECT DISTINCT ON (o.rowid + l.n - 1) l.line, o.items -> (l.n::int - 1) ->> 's', 'transcript',
       (o.items -> (l.n::int - 1) ->> 'a')::bigint, o.meeting_id, o.tenant_id, o.rowid + l.n - 1
FROM old o, unnest(string_to_array(o.text, E'\n')) WITH ORDINALITY l (line, n)
ORDER BY o.rowid + l.n - 1;
ALTER TABLE meeting_search DROP COLUMN items;
