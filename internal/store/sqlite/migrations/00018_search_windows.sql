-- +goose Up
-- Meeting search indexes a transcript in windows of three consecutive
-- items starting every two items (store.SearchWindows), so that words and
-- phrases said across turns are found together: a window's text holds its
-- items' texts one per line, its items column their speakers and offsets
-- as JSON, and its rowid is the rowid of its first item before. The
-- windows are made here from the rows indexed one per item, so existing
-- meetings are searchable across turns as soon as this has run; summary
-- lines and action items keep their rows.
CREATE VIRTUAL TABLE meeting_search_windows USING fts5 (
    text,
    speaker UNINDEXED,
    kind UNINDEXED,
    at_ms UNINDEXED,
    meeting_id UNINDEXED,
    tenant_id UNINDEXED,
    tenant,
    items UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO meeting_search_windows (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant, items)
SELECT rowid,
       t0 || coalesce(char(10) || t1, '') || coalesce(char(10) || t2, ''),
       s0, 'transcript', a0, meeting_id, tenant_id, tenant,
       CASE WHEN a2 IS NOT NULL THEN json_array(json_object('s', s0, 'a', a0), json_object('s', s1, 'a', a1), json_object('s', s2, 'a', a2))
            WHEN a1 IS NOT NULL THEN json_array(json_object('s', s0, 'a', a0), json_object('s', s1, 'a', a1))
            ELSE json_array(json_object('s', s0, 'a', a0)) END
FROM (
    SELECT rowid, meeting_id, tenant_id, tenant, rowid - (meeting_id << 24) AS i,
           replace(replace(text, char(13), ' '), char(10), ' ') AS t0, speaker AS s0, at_ms AS a0,
           lead(replace(replace(text, char(13), ' '), char(10), ' '), 1) OVER w AS t1, lead(speaker, 1) OVER w AS s1, lead(at_ms, 1) OVER w AS a1,
           lead(replace(replace(text, char(13), ' '), char(10), ' '), 2) OVER w AS t2, lead(speaker, 2) OVER w AS s2, lead(at_ms, 2) OVER w AS a2
    FROM meeting_search WHERE kind = 'transcript'
    WINDOW w AS (PARTITION BY meeting_id ORDER BY rowid)
)
WHERE i % 2 = 0 AND (i = 0 OR a1 IS NOT NULL);
INSERT INTO meeting_search_windows (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant, items)
SELECT rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant, '' FROM meeting_search WHERE kind <> 'transcript';
DROP TABLE meeting_search;
ALTER TABLE meeting_search_windows RENAME TO meeting_search;

-- +goose Down
-- One row per item again, split from the windows (an item two windows
-- share is the same in both).
CREATE VIRTUAL TABLE meeting_search_items USING fts5 (
    text,
    speaker UNINDEXED,
    kind UNINDEXED,
    at_ms UNINDEXED,
    meeting_id UNINDEXED,
    tenant_id UNINDEXED,
    tenant,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
WITH RECURSIVE split (rowid, meeting_id, tenant_id, tenant, items, n, line, rest) AS (
    SELECT rowid, meeting_id, tenant_id, tenant, items, -1, NULL, text || char(10) FROM meeting_search WHERE kind = 'transcript'
    UNION ALL
    SELECT rowid, meeting_id, tenant_id, tenant, items, n + 1,
           substr(rest, 1, instr(rest, char(10)) - 1), substr(rest, instr(rest, char(10)) + 1)
    FROM split WHERE rest <> ''
)
INSERT INTO meeting_search_items (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant)
SELECT rowid + n, line, items ->> ('$[' || n || '].s'), 'transcript', items ->> ('$[' || n || '].a'), meeting_id, tenant_id, tenant
FROM split WHERE n >= 0 GROUP BY rowid + n;
INSERT INTO meeting_search_items (rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant)
SELECT rowid, text, speaker, kind, at_ms, meeting_id, tenant_id, tenant FROM meeting_search WHERE kind <> 'transcript';
DROP TABLE meeting_search;
ALTER TABLE meeting_search_items RENAME TO meeting_search;
